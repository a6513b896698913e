package dev.ferry.internal.image;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Gzip-compresses a stream as it is read (the reverse of {@code GZIPInputStream}), so a
 * layer stored uncompressed is compressed on its way out without a temporary file. Equal
 * input gives equal output (no timestamp, one fixed level), which lets a copy learn the
 * compressed digest in one pass and send the same bytes, verified, in a second.
 *
 * <p>Thread-safety: not thread-safe, like any stream.
 */
final class GzipStream extends InputStream {
  private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

  private final InputStream in;
  private final Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
  private final CRC32 crc = new CRC32();
  private final byte[] input = new byte[64 * 1024];
  private byte[] pending = HEADER.clone();
  private int pendingAt;
  private boolean trailerDone;

  GzipStream(InputStream in) {
    this.in = in;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (true) {
      if (pendingAt < pending.length) {
        int n = Math.min(len, pending.length - pendingAt);
        System.arraycopy(pending, pendingAt, b, off, n);
        pendingAt += n;
        return n;
      }
      if (!deflater.finished()) {
        int n = deflater.deflate(b, off, len);
        if (n > 0) {
          return n;
        }
        if (deflater.needsInput()) {
          int r = in.read(input);
          if (r < 0) {
            deflater.finish();
          } else if (r > 0) {
            crc.update(input, 0, r);
            deflater.setInput(input, 0, r);
          }
        }
        continue;
      }
      if (trailerDone) {
        return -1;
      }
      trailerDone = true;
      pending = trailer();
      pendingAt = 0;
    }
  }

  private byte[] trailer() {
    long c = crc.getValue();
    long size = deflater.getBytesRead();
    return new byte[] {(byte) c, (byte) (c >> 8), (byte) (c >> 16), (byte) (c >> 24),
        (byte) size, (byte) (size >> 8), (byte) (size >> 16), (byte) (size >> 24)};
  }

  @Override
  public void close() throws IOException {
    deflater.end();
    in.close();
  }
}
