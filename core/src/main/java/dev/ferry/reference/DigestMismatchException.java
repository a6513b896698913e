package dev.ferry.reference;

import dev.ferry.FerryException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * Content did not match the digest or size it was expected to have: the bytes a
 * registry or file served are not the bytes that were asked for. The content
 * must not be used.
 *
 * <p>Thread-safety: immutable.
 *
 * @since 0.1
 */
public final class DigestMismatchException extends FerryException {
  private static final long serialVersionUID = 1L;

  private final Digest expected;
  private final @Nullable Digest actual;
  private final long expectedSize;
  private final long actualSize;

  /**
   * Creates the exception.
   *
   * @param expected the digest the content should have
   * @param actual the digest it had, or null when reading stopped early (too many bytes)
   * @param expectedSize the size it should have, or -1 when not known
   * @param actualSize the number of bytes seen
   * @since 0.1
   */
  public DigestMismatchException(
      Digest expected, @Nullable Digest actual, long expectedSize, long actualSize) {
    super(message(expected, actual, expectedSize, actualSize));
    this.expected = Objects.requireNonNull(expected, "expected");
    this.actual = actual;
    this.expectedSize = expectedSize;
    this.actualSize = actualSize;
  }

  private static String message(Digest expected, @Nullable Digest actual,
      long expectedSize, long actualSize) {
    if (expectedSize >= 0 && actualSize > expectedSize) {
      return "content of " + expected + " is longer than the expected " + expectedSize
          + " bytes (read " + actualSize + " so far)";
    }
    if (expectedSize >= 0 && actualSize != expectedSize) {
      return "content of " + expected + " has " + actualSize + " bytes, expected " + expectedSize
          + (actual != null ? " (its digest is " + actual + ")" : "");
    }
    return "digest mismatch: expected " + expected + " but the content hashes to " + actual
        + " (" + actualSize + " bytes)";
  }

  /**
   * {@return the digest the content should have had}
   *
   * @since 0.1
   */
  public Digest expected() {
    return expected;
  }

  /**
   * {@return the digest the content had; empty when reading stopped before the end}
   *
   * @since 0.1
   */
  public Optional<Digest> actual() {
    return Optional.ofNullable(actual);
  }

  /**
   * {@return the size the content should have had, if it was known}
   *
   * @since 0.1
   */
  public OptionalLong expectedSize() {
    return expectedSize < 0 ? OptionalLong.empty() : OptionalLong.of(expectedSize);
  }

  /**
   * {@return the number of bytes that were read}
   *
   * @since 0.1
   */
  public long actualSize() {
    return actualSize;
  }
}
