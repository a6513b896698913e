package dev.ferry.internal.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Writes a tar in one pass: each entry's size is known before its content (an image's
 * descriptors say it), so the header goes first and the content streams after it
 * through a fixed buffer. Entries are owned by root with time 0, so equal content
 * gives an equal archive.
 *
 * <p>Thread-safety: not thread-safe.
 */
final class TarWriter implements AutoCloseable {
  private static final byte[] ZEROS = new byte[TarHeaders.BLOCK];
  private static final int BUFFER = 256 * 1024;

  private final OutputStream out;

  TarWriter(OutputStream out) {
    this.out = out;
  }

  void directory(String name) throws IOException {
    out.write(TarHeaders.header(name.endsWith("/") ? name : name + "/", 0, '5'));
  }

  void file(String name, byte[] content) throws IOException {
    out.write(TarHeaders.header(name, content.length, '0'));
    out.write(content);
    pad(content.length);
  }

  /**
   * Writes an entry whose content must be exactly {@code size} bytes; fewer or more fail
   * the entry (the archive is then unusable and must be abandoned).
   */
  void file(String name, long size, InputStream content) throws IOException {
    out.write(TarHeaders.header(name, size, '0'));
    byte[] buffer = new byte[(int) Math.min(BUFFER, Math.max(size, 1))];
    long written = 0;
    for (int n; (n = content.read(buffer)) > 0; ) {
      if (written + n > size) {
        throw new IOException(name + " has more than the " + size + " bytes its descriptor says");
      }
      out.write(buffer, 0, n);
      written += n;
    }
    if (written != size) {
      throw new IOException(name + " has " + written + " bytes, its descriptor says " + size);
    }
    pad(size);
  }

  private void pad(long size) throws IOException {
    int rest = (int) (size % TarHeaders.BLOCK);
    if (rest != 0) {
      out.write(ZEROS, 0, TarHeaders.BLOCK - rest);
    }
  }

  /** Two zero blocks end the archive. */
  void finish() throws IOException {
    out.write(ZEROS);
    out.write(ZEROS);
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
