package dev.ferry.testing.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * A real image layer: a gzip-compressed tar holding one file of random bytes, so
 * that it does not compress and every tool accepts it. The same seed always writes
 * the same bytes. Thread-safe (immutable).
 */
public final class RandomLayer {
  private static final int BLOCK = 512;

  private final long contentSize;
  private final long seed;

  /**
   * A layer whose file holds {@code contentSize} random bytes.
   *
   * @param contentSize the size of the random file
   * @param seed the seed of the bytes
   */
  public RandomLayer(long contentSize, long seed) {
    this.contentSize = contentSize;
    this.seed = seed;
  }

  /**
   * Writes the compressed layer.
   *
   * @param out where the tar.gz goes; not closed
   * @param uncompressed where the uncompressed tar goes as well (for its diff id)
   * @throws IOException if writing fails
   */
  public void write(OutputStream out, OutputStream uncompressed) throws IOException {
    GZIPOutputStream gzip = new GZIPOutputStream(new NonClosing(out), 64 * 1024) {
      {
        def.setLevel(Deflater.NO_COMPRESSION);
      }
    };
    OutputStream tar = new Tee(gzip, uncompressed);
    tar.write(header());
    SplittableRandom random = new SplittableRandom(seed);
    byte[] buffer = new byte[64 * 1024];
    for (long left = contentSize; left > 0; ) {
      int n = (int) Math.min(buffer.length, left);
      for (int i = 0; i < n; i += 8) {
        long value = random.nextLong();
        for (int j = 0; j < 8 && i + j < n; j++) {
          buffer[i + j] = (byte) (value >>> (8 * j));
        }
      }
      tar.write(buffer, 0, n);
      left -= n;
    }
    int padding = (int) ((BLOCK - contentSize % BLOCK) % BLOCK);
    tar.write(new byte[padding + 2 * BLOCK]);
    gzip.finish();
  }

  private byte[] header() {
    byte[] h = new byte[BLOCK];
    put(h, 0, "random.bin");
    put(h, 100, "0000644\0");
    put(h, 108, "0000000\0");
    put(h, 116, "0000000\0");
    put(h, 124, String.format("%011o\0", contentSize));
    put(h, 136, "00000000000\0");
    h[156] = '0';
    put(h, 257, "ustar\0");
    put(h, 263, "00");
    Arrays.fill(h, 148, 156, (byte) ' ');
    int sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    put(h, 148, String.format("%06o\0 ", sum));
    return h;
  }

  private static void put(byte[] block, int at, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, block, at, bytes.length);
  }

  private static final class Tee extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    Tee(OutputStream a, OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int value) throws IOException {
      a.write(value);
      b.write(value);
    }

    @Override
    public void write(byte[] bytes, int off, int len) throws IOException {
      a.write(bytes, off, len);
      b.write(bytes, off, len);
    }
  }

  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] bytes, int off, int len) throws IOException {
      out.write(bytes, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
