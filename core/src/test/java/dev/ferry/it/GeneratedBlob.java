package dev.ferry.it;

import dev.ferry.reference.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Incompressible test content of any size, generated on the fly and reproducible
 * from any offset, so a multi-GB blob never exists in memory or on disk.
 */
public final class GeneratedBlob {
  private final long size;
  private final long seed;

  public GeneratedBlob(long size, long seed) {
    this.size = size;
    this.seed = seed;
  }

  public long size() {
    return size;
  }

  /** The bytes from {@code offset} to the end. */
  public InputStream open(long offset) {
    return new InputStream() {
      private long position = offset;

      @Override
      public int read() {
        if (position >= size) {
          return -1;
        }
        return byteAt(position++) & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (position >= size) {
          return -1;
        }
        int n = (int) Math.min(len, size - position);
        int i = 0;
        while (i < n) {
          long word = mix(seed + ((position + i) >>> 3));
          int shift = (int) ((position + i) & 7);
          for (; shift < 8 && i < n; shift++, i++) {
            b[off + i] = (byte) (word >>> (shift * 8));
          }
        }
        position += n;
        return n;
      }
    };
  }

  private byte byteAt(long position) {
    return (byte) (mix(seed + (position >>> 3)) >>> ((position & 7) * 8));
  }

  /** SHA-256 of the whole content, computed by streaming it once. */
  public Digest digest() {
    try (InputStream in = open(0)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        md.update(buffer, 0, n);
      }
      return Digest.parse("sha256:" + HexFormat.of().formatHex(md.digest()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // splitmix64: fast, well mixed, and a pure function of the position
  private static long mix(long z) {
    z += 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
