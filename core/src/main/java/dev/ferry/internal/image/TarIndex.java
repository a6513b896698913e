package dev.ferry.internal.image;

import dev.ferry.copy.ImageLocationException;
import dev.ferry.copy.ImageLocationException.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The entries of a tar file, found by reading its headers and seeking over the
 * content: an archive is read without unpacking it, and in any order, since a
 * file (unlike a stream) can be read again at an entry's offset. Every entry is
 * checked as it is scanned: a path escaping the archive ({@code ..}, absolute) or
 * a device or FIFO entry fails the whole archive.
 *
 * <p>Thread-safety: immutable after {@link #scan}; {@link #open} may be called concurrently.
 */
public final class TarIndex {
  /** More entries than any image archive has; bounds the memory a hostile tar can take. */
  static final int MAX_ENTRIES = 100_000;
  private static final int BLOCK = 512;
  private static final int MAX_LONG_NAME = 64 * 1024;

  private final Path file;
  private final Map<String, TarEntry> entries;

  private TarIndex(Path file, Map<String, TarEntry> entries) {
    this.file = file;
    this.entries = Map.copyOf(entries);
  }

  /**
   * Reads every header of a tar file.
   *
   * @param file the archive
   * @return its entries
   * @throws ImageLocationException if the file is missing, not a tar, or holds an unsafe entry
   */
  public static TarIndex scan(Path file) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      return new TarIndex(file, new Scanner(file, channel).run());
    } catch (NoSuchFileException e) {
      throw new ImageLocationException(file, Problem.MISSING, "no such file", e);
    } catch (IOException e) {
      throw new ImageLocationException(file, Problem.IO, "cannot read the archive: " + e.getMessage(), e);
    }
  }

  /** {@return the archive file} */
  public Path file() {
    return file;
  }

  /** {@return the entry with this path, if the archive has it} */
  public Optional<TarEntry> entry(String name) {
    return Optional.ofNullable(entries.get(TarNames.normalise(name)));
  }

  /**
   * The regular file at this path, or a typed error naming the archive.
   *
   * @param name the path inside the archive
   * @param what what the file is, for the message (e.g. {@code "the image index"})
   * @return the entry
   * @throws ImageLocationException if it is missing or is a link or directory
   */
  public TarEntry file(String name, String what) {
    TarEntry entry = entry(name).orElseThrow(() -> new ImageLocationException(file, Problem.NOT_AN_IMAGE,
        "the archive has no " + name + " (" + what + ")", null));
    if (entry.type() == TarEntry.Type.LINK) {
      throw new ImageLocationException(file, Problem.UNSAFE_ENTRY, name + " (" + what + ") is a link to "
          + entry.linkTarget() + "; image archives must hold their files, not links", null);
    }
    if (entry.type() != TarEntry.Type.FILE) {
      throw new ImageLocationException(file, Problem.NOT_AN_IMAGE, name + " (" + what + ") is not a file", null);
    }
    return entry;
  }

  /**
   * Opens an entry's content; the caller closes the stream.
   *
   * @param entry an entry of this archive
   * @return exactly its bytes
   * @throws IOException if the file cannot be read
   */
  public InputStream open(TarEntry entry) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    channel.position(entry.dataOffset());
    return new BoundedStream(Channels.newInputStream(channel), entry.size());
  }

  /** One pass over the headers. */
  private static final class Scanner {
    private final Path file;
    private final FileChannel channel;
    private final ByteBuffer header = ByteBuffer.allocate(BLOCK);
    private final Map<String, TarEntry> found = new HashMap<>();
    private String longName = "";
    private String longLink = "";
    private Map<String, String> pax = Map.of();

    Scanner(Path file, FileChannel channel) {
      this.file = file;
      this.channel = channel;
    }

    Map<String, TarEntry> run() throws IOException {
      long size = channel.size();
      ByteBuffer magic = ByteBuffer.allocate(4);
      channel.read(magic, 0);
      if (magic.position() == 4 && TarHeaders.looksCompressed(magic.array())) {
        throw notTar("it is compressed; give the uncompressed tar (e.g. gunzip it first)");
      }
      long position = 0;
      boolean first = true;
      while (true) {
        if (position + BLOCK > size) {
          if (first) {
            throw notTar(size == 0 ? "the file is empty" : "it is shorter than one tar header");
          }
          // a missing end-of-archive marker is tolerated, as GNU tar does
          return found;
        }
        header.clear();
        readFully(position);
        byte[] h = header.array();
        if (allZero(h)) {
          return found;
        }
        if (!TarHeaders.checksumOk(h)) {
          throw first ? notTar("it is not a tar archive (the first header's checksum is wrong)")
              : notTar("the tar header at byte " + position + " is corrupt (checksum)");
        }
        first = false;
        long dataSize = paxSize().orElse(TarHeaders.size(h));
        if (dataSize < 0 || position + BLOCK + dataSize > size) {
          throw notTar("the entry at byte " + position + " claims " + dataSize + " bytes, past the end of the file");
        }
        long data = position + BLOCK;
        entry(h, data, dataSize);
        position = data + (dataSize + BLOCK - 1) / BLOCK * BLOCK;
      }
    }

    private void entry(byte[] h, long data, long dataSize) throws IOException {
      char type = (char) h[156];
      switch (type) {
        case 'x' -> {
          pax = TarHeaders.parsePax(readString(data, dataSize));
          return;
        }
        case 'g' -> {
          return; // global pax defaults: nothing an image archive needs
        }
        case 'L' -> {
          longName = trimNul(readString(data, dataSize));
          return;
        }
        case 'K' -> {
          longLink = trimNul(readString(data, dataSize));
          return;
        }
        default -> { }
      }
      String rawName = pax.getOrDefault("path", longName.isEmpty() ? TarHeaders.name(h) : longName);
      String link = pax.getOrDefault("linkpath", longLink.isEmpty() ? TarHeaders.string(h, 157, 100) : longLink);
      pax = Map.of();
      longName = "";
      longLink = "";
      String name = TarNames.checked(file, rawName);
      TarEntry.Type kind = switch (type) {
        case '0', '\0', '7' -> TarEntry.Type.FILE;
        case '5' -> TarEntry.Type.DIRECTORY;
        case '1', '2' -> TarEntry.Type.LINK;
        case '3', '4', '6' -> throw new ImageLocationException(file, Problem.UNSAFE_ENTRY, "the entry " + name
            + " is a " + (type == '6' ? "FIFO" : "device") + "; an image archive holds only files and directories",
            null);
        default -> throw notTar("the entry " + name + " has the unknown tar type '" + type + "'");
      };
      if (found.size() >= MAX_ENTRIES && !found.containsKey(name)) {
        throw notTar("it has more than " + MAX_ENTRIES + " entries, more than any image archive");
      }
      found.put(name, new TarEntry(name, kind, data, kind == TarEntry.Type.FILE ? dataSize : 0, link));
    }

    private java.util.Optional<Long> paxSize() {
      String value = pax.get("size");
      if (value == null) {
        return java.util.Optional.empty();
      }
      try {
        return java.util.Optional.of(Long.parseLong(value.trim()));
      } catch (NumberFormatException e) {
        throw notTar("a pax header has the size " + value);
      }
    }

    private String readString(long at, long length) throws IOException {
      if (length > MAX_LONG_NAME) {
        throw notTar("an extended header of " + length + " bytes is larger than the " + MAX_LONG_NAME + " allowed");
      }
      ByteBuffer buffer = ByteBuffer.allocate((int) length);
      while (buffer.hasRemaining()) {
        if (channel.read(buffer, at + buffer.position()) < 0) {
          throw notTar("the archive ends inside an extended header");
        }
      }
      return new String(buffer.array(), StandardCharsets.UTF_8);
    }

    private void readFully(long at) throws IOException {
      while (header.hasRemaining()) {
        if (channel.read(header, at + header.position()) < 0) {
          throw notTar("the archive ends inside a header");
        }
      }
    }

    private ImageLocationException notTar(String why) {
      return new ImageLocationException(file, Problem.NOT_AN_IMAGE, why, null);
    }

    private static String trimNul(String s) {
      int end = s.indexOf('\0');
      return end < 0 ? s : s.substring(0, end);
    }

    private static boolean allZero(byte[] block) {
      for (byte b : block) {
        if (b != 0) {
          return false;
        }
      }
      return true;
    }
  }
}
