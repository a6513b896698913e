package dev.ferry.testing.internal;

import dev.ferry.reference.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Storage in a directory, so that a registry restarted on it finds what it held.
 * Uploads go to temporary files and are moved into place; every write is a
 * file replaced atomically, so concurrent requests never see half a file. Thread-safe.
 */
public final class DirectoryStorage implements Storage {
  private static final String LAYERS = "_layers";
  private static final String MANIFESTS = "_manifests";
  private static final String TAGS = "_tags";

  private final Path blobs;
  private final Path uploads;
  private final Path repositories;

  /** Opens (creating) a storage directory. */
  public DirectoryStorage(Path root) throws IOException {
    this.blobs = Files.createDirectories(root.resolve("blobs"));
    this.uploads = Files.createDirectories(root.resolve("uploads"));
    this.repositories = Files.createDirectories(root.resolve("repositories"));
  }

  private Path blob(Digest digest) {
    return blobs.resolve(digest.algorithm()).resolve(digest.encoded());
  }

  private Path repo(String repository, String kind) {
    return repositories.resolve(repository).resolve(kind);
  }

  private static String name(Digest digest) {
    return digest.algorithm() + "-" + digest.encoded();
  }

  private void write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Path temp = uploads.resolve(UUID.randomUUID() + ".tmp");
    Files.writeString(temp, content, StandardCharsets.UTF_8);
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static Optional<String> read(Path file) throws IOException {
    try {
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public Optional<Long> blobSize(Digest digest) throws IOException {
    Path file = blob(digest);
    return Files.isRegularFile(file) ? Optional.of(Files.size(file)) : Optional.empty();
  }

  @Override
  public InputStream openBlob(Digest digest, long offset) throws IOException {
    FileChannel channel = FileChannel.open(blob(digest), StandardOpenOption.READ);
    channel.position(offset);
    return Channels.newInputStream(channel);
  }

  @Override
  public UploadBuffer newUpload() throws IOException {
    return new FileBuffer(uploads.resolve(UUID.randomUUID().toString()));
  }

  @Override
  public void commit(Digest digest, UploadBuffer upload) throws IOException {
    FileBuffer file = (FileBuffer) upload;
    file.finish();
    Path target = blob(digest);
    Files.createDirectories(target.getParent());
    Files.move(file.file(), target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public void link(String repository, Digest digest) throws IOException {
    write(repo(repository, LAYERS).resolve(name(digest)), "");
  }

  @Override
  public boolean linked(String repository, Digest digest) {
    return Files.exists(repo(repository, LAYERS).resolve(name(digest)));
  }

  @Override
  public boolean unlink(String repository, Digest digest) throws IOException {
    return Files.deleteIfExists(repo(repository, LAYERS).resolve(name(digest)));
  }

  @Override
  public void putManifest(String repository, Digest digest, String mediaType) throws IOException {
    write(repo(repository, MANIFESTS).resolve(name(digest)), mediaType);
  }

  @Override
  public Optional<String> manifestType(String repository, Digest digest) throws IOException {
    return read(repo(repository, MANIFESTS).resolve(name(digest)));
  }

  @Override
  public boolean deleteManifest(String repository, Digest digest) throws IOException {
    boolean deleted = Files.deleteIfExists(repo(repository, MANIFESTS).resolve(name(digest)));
    for (String tag : tags(repository)) {
      if (resolve(repository, tag).filter(digest::equals).isPresent()) {
        untag(repository, tag);
      }
    }
    return deleted;
  }

  @Override
  public List<Digest> manifests(String repository) throws IOException {
    List<Digest> out = new ArrayList<>();
    for (String file : list(repo(repository, MANIFESTS))) {
      int dash = file.indexOf('-');
      out.add(new Digest(file.substring(0, dash), file.substring(dash + 1)));
    }
    return out;
  }

  @Override
  public void tag(String repository, String tag, Digest digest) throws IOException {
    write(repo(repository, TAGS).resolve(tag), digest.toString());
  }

  @Override
  public Optional<Digest> resolve(String repository, String tag) throws IOException {
    return read(repo(repository, TAGS).resolve(tag)).map(Digest::parse);
  }

  @Override
  public boolean untag(String repository, String tag) throws IOException {
    return Files.deleteIfExists(repo(repository, TAGS).resolve(tag));
  }

  @Override
  public SortedSet<String> tags(String repository) throws IOException {
    return list(repo(repository, TAGS));
  }

  @Override
  public boolean exists(String repository) {
    Path dir = repositories.resolve(repository);
    return Stream.of(LAYERS, MANIFESTS, TAGS).anyMatch(kind -> Files.isDirectory(dir.resolve(kind)));
  }

  @Override
  public SortedSet<String> repositories() throws IOException {
    SortedSet<String> out = new TreeSet<>();
    try (Stream<Path> all = Files.walk(repositories)) {
      all.filter(p -> p.getFileName().toString().startsWith("_") && Files.isDirectory(p))
          .forEach(p -> out.add(repositories.relativize(p.getParent()).toString().replace('\\', '/')));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return out;
  }

  private static SortedSet<String> list(Path dir) throws IOException {
    SortedSet<String> out = new TreeSet<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> files = Files.list(dir)) {
      files.forEach(f -> out.add(f.getFileName().toString()));
    }
    return out;
  }
}
