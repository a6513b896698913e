package dev.ferry.sync;

import dev.ferry.reference.Digest;
import dev.ferry.reference.InvalidDigestException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * {@link SyncState#file(Path)}: the entries of a {@link MemorySyncState}, one a line
 * ({@code <sha256 of the settings> <source digest> <written digest>}, after a header line),
 * loaded once and rewritten whole by {@link #save()} through a temporary file and a move.
 * The settings are stored hashed, so every line has one short shape whatever a mirror's
 * settings say. Thread-safe.
 */
final class FileSyncState implements SyncState {
  static final String HEADER = "# ferry mirror state 1: <sha256 of the copy settings> <source digest> <written digest>";
  /** Far more than {@link MemorySyncState#MAX_ENTRIES} lines take: a larger file is not a state. */
  static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

  private final Path file;
  private final MemorySyncState entries = new MemorySyncState();
  private final Object saving = new Object();

  private FileSyncState(Path file) {
    this.file = file;
  }

  static FileSyncState load(Path file) {
    FileSyncState state = new FileSyncState(file);
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new SyncStateException(file, "larger than " + MAX_FILE_BYTES + " bytes, so not a state Ferry wrote; "
            + "name another file or delete this one");
      }
      try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          parse(line).ifPresent(state.entries::load);
        }
      }
    } catch (NoSuchFileException e) {
      // a first run: nothing remembered yet
    } catch (IOException | RuntimeException e) {
      if (e instanceof SyncStateException known) {
        throw known;
      }
      throw new SyncStateException(file, "cannot be read (" + e + "); fix its permissions, name another file, "
          + "or delete it (a state only saves requests)", e);
    }
    return state;
  }

  /** An entry line; anything else (the header, a damaged line) is skipped: a lost entry costs one GET. */
  private static Optional<MemorySyncState.Entry> parse(String line) {
    String[] parts = line.split(" ");
    if (parts.length != 3 || parts[0].length() != 64 || !parts[0].chars().allMatch(FileSyncState::isLowerHex)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new MemorySyncState.Entry(parts[0], Digest.parse(parts[1]), Digest.parse(parts[2])));
    } catch (InvalidDigestException e) {
      return Optional.empty();
    }
  }

  private static boolean isLowerHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  }

  @Override
  public Optional<Digest> written(String settings, Digest source) {
    return entries.written(hash(settings), source);
  }

  @Override
  public void remember(String settings, Digest source, Digest written) {
    entries.remember(hash(settings), source, written);
  }

  @Override
  public void save() {
    synchronized (saving) {
      Optional<List<MemorySyncState.Entry>> changed = entries.takeChanged();
      if (changed.isEmpty()) {
        return;
      }
      try {
        write(changed.get());
      } catch (IOException | RuntimeException e) {
        entries.markChanged();
        throw new SyncStateException(file, "cannot be written (" + e + "); the mirror's copies are done, "
            + "only the saving of what it learnt failed: fix the directory's permissions or name another file", e);
      }
    }
  }

  private void write(List<MemorySyncState.Entry> all) throws IOException {
    Path directory = file.toAbsolutePath().getParent();
    Path temporary = Files.createTempFile(directory, "." + file.getFileName(), ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
          Writer writer = Channels.newWriter(channel, StandardCharsets.UTF_8)) {
        writer.write(HEADER);
        writer.write('\n');
        for (MemorySyncState.Entry e : all) {
          writer.write(e.settings() + " " + e.source() + " " + e.written() + "\n");
        }
        writer.flush();
        channel.force(true);
      }
      try {
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static String hash(String settings) {
    return Digest.sha256(settings.getBytes(StandardCharsets.UTF_8)).hex();
  }

  @Override
  public String toString() {
    return "SyncState.file(" + file + ")";
  }
}
