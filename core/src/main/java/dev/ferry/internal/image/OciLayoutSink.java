package dev.ferry.internal.image;

import dev.ferry.copy.ImageLocationException;
import dev.ferry.copy.ImageLocationException.Problem;
import dev.ferry.manifest.Descriptor;
import dev.ferry.manifest.Manifest;
import dev.ferry.reference.Digest;
import dev.ferry.registry.BlobSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Adds one named image to an OCI image layout directory, creating the layout when it
 * does not exist. Each blob and manifest is written to a hidden temporary file and moved
 * to {@code blobs/<alg>/<hex>} once verified; blobs the layout has are kept; the new
 * {@code index.json} (the same name replaced, other entries kept) is moved into place last.
 *
 * <p>Thread-safety: blob and manifest writes may run concurrently.
 */
public final class OciLayoutSink implements ImageSink {
  private final Path dir;
  private final String name;
  private final Set<Path> temporaries = ConcurrentHashMap.newKeySet();
  private volatile boolean laidOut;

  private OciLayoutSink(Path dir, String name) {
    this.dir = dir;
    this.name = name;
  }

  /**
   * A sink adding {@code name} to the layout in {@code dir}.
   *
   * @param dir the layout directory; created with its parents when missing
   * @param name the ref name to write
   * @return the sink
   * @throws ImageLocationException if {@code dir} is a file, or a non-empty directory that is no layout
   */
  public static OciLayoutSink open(Path dir, String name) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new ImageLocationException(dir, Problem.NOT_AN_IMAGE,
          "is a file, not an OCI layout directory (for a tar, use ImageLocation.ociArchive)", null);
    }
    if (Files.isDirectory(dir) && !Files.exists(dir.resolve(LayoutIndex.LAYOUT_FILE)) && !isEmpty(dir)) {
      throw new ImageLocationException(dir, Problem.NOT_AN_IMAGE, "is a directory with other content and no"
          + " oci-layout file; Ferry writes a layout only into an empty or new directory or an existing layout", null);
    }
    return new OciLayoutSink(dir, name);
  }

  private static boolean isEmpty(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      throw new ImageLocationException(dir, Problem.IO, "cannot list the directory: " + e.getMessage(), e);
    }
  }

  private List<Descriptor> entries() {
    if (!Files.exists(dir.resolve(LayoutIndex.LAYOUT_FILE)) || !Files.exists(dir.resolve(LayoutIndex.INDEX_FILE))) {
      return List.of();
    }
    return LayoutIndex.read(new DirectoryFiles(dir));
  }

  @Override
  public Optional<Digest> current() {
    return LayoutIndex.match(entries(), name).map(Descriptor::digest);
  }

  @Override
  public boolean hasBlob(Descriptor blob) {
    Path file = dir.resolve(LayoutFiles.blobPath(blob.digest()));
    try {
      return Files.isRegularFile(file) && Files.size(file) == blob.size();
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void writeBlob(Descriptor blob, BlobSource content) {
    layOut();
    String path = LayoutFiles.blobPath(blob.digest());
    Path temporary = start(path);
    try (InputStream in = new CheckedStream(content.open(0), blob, dir, path)) {
      Files.copy(in, temporary);
    } catch (IOException e) {
      abandon(temporary);
      throw new ImageLocationException(dir, Problem.IO, "cannot write " + path + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      abandon(temporary);
      throw e;
    }
    finish(temporary, path);
  }

  @Override
  public void writeManifest(Manifest manifest) {
    String path = LayoutFiles.blobPath(manifest.digest());
    if (hasBlob(manifest.descriptor())) {
      return;
    }
    writeSmall(path, manifest.bytes());
  }

  /**
   * A new layout gets its {@code oci-layout} and an empty {@code index.json} before any content, so
   * that a failed copy leaves a valid layout naming nothing, which a retry can write into (a
   * directory of bare blobs would be refused as "other content").
   */
  private void layOut() {
    if (laidOut) {
      return;
    }
    synchronized (this) {
      if (!laidOut) {
        if (!Files.exists(dir.resolve(LayoutIndex.LAYOUT_FILE))) {
          place(LayoutIndex.LAYOUT_FILE, LayoutIndex.LAYOUT_JSON.getBytes(StandardCharsets.UTF_8));
        }
        if (!Files.exists(dir.resolve(LayoutIndex.INDEX_FILE))) {
          place(LayoutIndex.INDEX_FILE, LayoutIndex.write(List.of()));
        }
        laidOut = true;
      }
    }
  }

  /** One new {@code index.json}, moved into place: the name and its referrers appear together. */
  @Override
  public synchronized void commit(Manifest top, Referrers referrers) {
    writeManifest(top);
    List<Descriptor> named = LayoutIndex.named(entries(), top, Map.of(LayoutIndex.REF_NAME, name));
    writeSmall(LayoutIndex.INDEX_FILE, LayoutIndex.write(LayoutIndex.withReferrers(named, referrers, name)));
  }

  /** {@code index.json} is rewritten only when a referrer is new to it. */
  @Override
  public synchronized void nameReferrers(Referrers referrers) {
    List<Descriptor> entries = entries();
    List<Descriptor> updated = LayoutIndex.withReferrers(entries, referrers, name);
    if (!updated.equals(entries)) {
      writeSmall(LayoutIndex.INDEX_FILE, LayoutIndex.write(updated));
    }
  }

  private void writeSmall(String path, byte[] bytes) {
    layOut();
    place(path, bytes);
  }

  private void place(String path, byte[] bytes) {
    Path temporary = start(path);
    try {
      Files.write(temporary, bytes);
    } catch (IOException e) {
      abandon(temporary);
      throw new ImageLocationException(dir, Problem.IO, "cannot write " + path + ": " + e.getMessage(), e);
    }
    finish(temporary, path);
  }

  private Path start(String path) {
    Path target = dir.resolve(path);
    try {
      Files.createDirectories(target.getParent());
    } catch (IOException e) {
      throw new ImageLocationException(dir, Problem.IO, "cannot create " + target.getParent() + ": "
          + e.getMessage(), e);
    }
    Path temporary = FileMoves.temporary(dir, target.getFileName().toString());
    temporaries.add(temporary);
    return temporary;
  }

  private void finish(Path temporary, String path) {
    FileMoves.publish(dir, temporary, dir.resolve(path));
    temporaries.remove(temporary);
  }

  private void abandon(Path temporary) {
    FileMoves.deleteQuietly(temporary);
    temporaries.remove(temporary);
  }

  @Override
  public boolean concurrentWrites() {
    return true;
  }

  @Override
  public String describe() {
    return "oci:" + dir + ":" + name;
  }

  @Override
  public void close() {
    temporaries.forEach(FileMoves::deleteQuietly);
    temporaries.clear();
  }
}
