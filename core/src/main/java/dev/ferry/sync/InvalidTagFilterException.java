package dev.ferry.sync;

import dev.ferry.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * A tag filter could not be read: a regular expression that does not compile, or a
 * semantic-version range outside the npm grammar ({@code >=1.4.0}, {@code >=1.2 <2},
 * {@code ^1.2}, {@code ~1.2.3}, {@code 1.x}, {@code 1.2 - 1.4}, {@code a || b}).
 *
 * <p>Thread-safety: immutable.
 *
 * @since 0.1
 */
public final class InvalidTagFilterException extends InvalidInputException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param kind "tag pattern" or "semantic-version range"
   * @param input the text as given
   * @param reason the rule it broke
   * @param cause the underlying failure, or null
   */
  InvalidTagFilterException(String kind, String input, String reason, @Nullable Throwable cause) {
    super(kind, input, reason, cause);
  }
}
