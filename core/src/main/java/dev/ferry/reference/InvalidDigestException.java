package dev.ferry.reference;

import dev.ferry.InvalidInputException;

/**
 * A digest string that is not {@code sha256:<64 hex>} or {@code sha512:<128 hex>}.
 *
 * <p>Thread-safety: immutable.
 *
 * @since 0.1
 */
public final class InvalidDigestException extends InvalidInputException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param input the text that failed to parse
   * @param reason the rule it broke
   * @since 0.1
   */
  public InvalidDigestException(String input, String reason) {
    super("digest", input, reason, null);
  }
}
