package dev.ferry.internal.image;

import dev.ferry.copy.ImageLocationException;
import dev.ferry.copy.ImageLocationException.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A layout directory on disk. */
final class DirectoryFiles implements LayoutFiles {
  private final Path dir;

  DirectoryFiles(Path dir) {
    if (!Files.exists(dir)) {
      throw new ImageLocationException(dir, Problem.MISSING, "no such directory", null);
    }
    if (!Files.isDirectory(dir)) {
      throw new ImageLocationException(dir, Problem.NOT_AN_IMAGE,
          "is a file, not an OCI layout directory (for a tar, use ImageLocation.ociArchive)", null);
    }
    this.dir = dir;
  }

  @Override
  public Path location() {
    return dir;
  }

  private Path resolve(String path) {
    // paths come from this code (fixed names and validated digests), never from the layout's content
    return dir.resolve(path);
  }

  @Override
  public boolean exists(String path) {
    return Files.isRegularFile(resolve(path));
  }

  @Override
  public long size(String path, String what) {
    Path file = resolve(path);
    if (!Files.isRegularFile(file)) {
      throw missing(path, what);
    }
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new ImageLocationException(dir, Problem.IO, "cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  @Override
  public InputStream open(String path, String what) throws IOException {
    Path file = resolve(path);
    if (!Files.isRegularFile(file)) {
      throw missing(path, what);
    }
    return Files.newInputStream(file);
  }

  private ImageLocationException missing(String path, String what) {
    return new ImageLocationException(dir, Problem.NOT_AN_IMAGE, "the layout has no " + path + " (" + what + ")",
        null);
  }
}
