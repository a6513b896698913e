package dev.ferry.internal.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Reads of small bodies (manifests, token answers, error bodies, list pages): bounded in
 * size, and in time by a total deadline. The connection's idle timeout alone never fires
 * against a peer that sends one byte every few hundred milliseconds; a deadline that
 * does not reset does. The deadline is checked around every read, so it is overshot by
 * at most one read: the time until the next byte, itself bounded by the idle timeout.
 * Stateless.
 */
public final class SmallBodies {
  private SmallBodies() {}

  /**
   * Wraps a body so that reading it fails once {@code timeout} has passed since this call.
   *
   * @param nanoTime the clock, {@code System::nanoTime} outside tests
   */
  public static InputStream withDeadline(InputStream body, Duration timeout, LongSupplier nanoTime) {
    return new Deadline(body, timeout, nanoTime);
  }

  /**
   * Reads up to {@code max} bytes: a result of {@code max} bytes tells a caller that asked
   * for its limit plus one that the body was too large, without reading the rest.
   */
  public static byte[] read(InputStream in, int max) throws IOException {
    byte[] buf = new byte[Math.min(max, 8192)];
    int n = 0;
    while (n < max) {
      if (n == buf.length) {
        buf = Arrays.copyOf(buf, (int) Math.min(max, buf.length * 2L));
      }
      int r = in.read(buf, n, buf.length - n);
      if (r < 0) {
        break;
      }
      n += r;
    }
    return n == buf.length ? buf : Arrays.copyOf(buf, n);
  }

  /** The body took longer than its deadline to arrive. */
  public static final class DeadlineException extends SocketTimeoutException {
    private static final long serialVersionUID = 1L;

    DeadlineException(Duration timeout) {
      super("the body did not arrive whole within " + timeout.toMillis() + " ms (FerryLimits.SMALL_BODY_TIMEOUT,"
          + " RegistryClientBuilder.smallBodyTimeout); the peer sends too slowly");
    }
  }

  private static final class Deadline extends FilterInputStream {
    private final Duration timeout;
    private final LongSupplier nanoTime;
    private final long start;

    Deadline(InputStream in, Duration timeout, LongSupplier nanoTime) {
      super(in);
      this.timeout = timeout;
      this.nanoTime = nanoTime;
      this.start = nanoTime.getAsLong();
    }

    @Override
    public int read() throws IOException {
      check();
      int b = super.read();
      check();
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      check();
      int n = super.read(b, off, len);
      check();
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      check();
      long skipped = super.skip(n);
      check();
      return skipped;
    }

    private void check() throws DeadlineException {
      if (nanoTime.getAsLong() - start > timeout.toNanos()) {
        throw new DeadlineException(timeout);
      }
    }
  }
}
