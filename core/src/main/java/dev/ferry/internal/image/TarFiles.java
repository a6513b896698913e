package dev.ferry.internal.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/** A layout inside one tar file, read in place. */
final class TarFiles implements LayoutFiles {
  private final TarIndex tar;

  TarFiles(TarIndex tar) {
    this.tar = tar;
  }

  @Override
  public Path location() {
    return tar.file();
  }

  @Override
  public boolean exists(String path) {
    return tar.entry(path).filter(e -> e.type() == TarEntry.Type.FILE).isPresent();
  }

  @Override
  public long size(String path, String what) {
    return tar.file(path, what).size();
  }

  @Override
  public InputStream open(String path, String what) throws IOException {
    return tar.open(tar.file(path, what));
  }
}
