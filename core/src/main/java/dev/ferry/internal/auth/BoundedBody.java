package dev.ferry.internal.auth;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Reads a response body up to a limit, so a hostile peer cannot make us buffer without end. */
final class BoundedBody {
  private BoundedBody() {}

  /**
   * Reads at most {@code limit + 1} bytes: a result longer than {@code limit} tells the
   * caller the body was too large without reading the rest of it.
   */
  static byte[] read(InputStream in, int limit) throws IOException {
    byte[] buf = new byte[Math.min(limit + 1, 8192)];
    int n = 0;
    while (n <= limit) {
      if (n == buf.length) {
        buf = Arrays.copyOf(buf, Math.min(limit + 1, buf.length * 2));
      }
      int r = in.read(buf, n, buf.length - n);
      if (r < 0) {
        break;
      }
      n += r;
    }
    return n == buf.length ? buf : Arrays.copyOf(buf, n);
  }
}
