package dev.ferry.reference;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A stream that hashes its bytes while they are read and checks them against an
 * expected {@link Digest} and size. Created by {@link Digest#verifying(InputStream, long)}.
 *
 * <p>The check happens in the {@code read} that reaches the end of the stream,
 * which then throws {@link DigestMismatchException} instead of returning -1; a
 * stream that delivers more bytes than expected fails as soon as it does. So a
 * consumer that reads to the end has either verified content or an exception.
 * Closing early skips the check: the bytes read so far are unverified.
 *
 * <p>Thread-safety: not thread-safe, like any stream.
 *
 * @since 0.1
 */
public final class VerifyingInputStream extends FilterInputStream {
  static final long UNKNOWN_SIZE = -1;

  private final Digest expected;
  private final long expectedSize;
  private final MessageDigest md;
  private long count;
  private boolean verified;
  private @Nullable DigestMismatchException failure;

  VerifyingInputStream(InputStream in, Digest expected, long expectedSize) {
    super(Objects.requireNonNull(in, "in"));
    this.expected = Objects.requireNonNull(expected, "expected");
    this.expectedSize = expectedSize;
    this.md = expected.newMessageDigest();
  }

  @Override
  public int read() throws IOException {
    if (failure != null) {
      throw failure;
    }
    int b = in.read();
    if (b < 0) {
      finish();
      return -1;
    }
    count++;
    checkOverflow();
    md.update((byte) b);
    return b;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, buf.length);
    if (failure != null) {
      throw failure;
    }
    if (len == 0) {
      return 0;
    }
    int n = in.read(buf, off, len);
    if (n < 0) {
      finish();
      return -1;
    }
    count += n;
    checkOverflow();
    md.update(buf, off, n);
    return n;
  }

  /**
   * Skips by reading, so that skipped bytes are hashed too.
   *
   * @since 0.1
   */
  @Override
  public long skip(long n) throws IOException {
    byte[] buf = new byte[(int) Math.min(Math.max(n, 0), 8192)];
    long skipped = 0;
    while (skipped < n) {
      int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
      if (r < 0) {
        break;
      }
      skipped += r;
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public synchronized void mark(int readlimit) {
    // not supported: a reset would hash bytes twice
  }

  @Override
  public synchronized void reset() throws IOException {
    throw new IOException("mark/reset is not supported by a verifying stream");
  }

  /**
   * {@return the number of bytes read so far}
   *
   * @since 0.1
   */
  public long bytesRead() {
    return count;
  }

  /**
   * {@return whether the end of the stream was reached and the content matched}
   *
   * @since 0.1
   */
  public boolean isVerified() {
    return verified;
  }

  /**
   * {@return the digest the content must have}
   *
   * @since 0.1
   */
  public Digest expected() {
    return expected;
  }

  private void checkOverflow() {
    if (expectedSize >= 0 && count > expectedSize) {
      throw fail(new DigestMismatchException(expected, null, expectedSize, count));
    }
  }

  private void finish() {
    if (verified) {
      return;
    }
    if (failure != null) {
      throw failure;
    }
    Digest actual = new Digest(expected.algorithm(), Digest.hex(md.digest()));
    if ((expectedSize >= 0 && count != expectedSize) || !actual.equals(expected)) {
      throw fail(new DigestMismatchException(expected, actual, expectedSize, count));
    }
    verified = true;
  }

  /** Remembers the failure so that every later read repeats it instead of passing bytes on. */
  private DigestMismatchException fail(DigestMismatchException e) {
    failure = e;
    return e;
  }
}
