package dev.ferry.reference;

import dev.ferry.FerryException;

/**
 * A digest string that is not {@code sha256:<64 hex>} or {@code sha512:<128 hex>}.
 *
 * <p>Thread-safety: immutable.
 *
 * @since 0.1
 */
public final class InvalidDigestException extends FerryException {
  private static final long serialVersionUID = 1L;

  private final String input;
  private final String reason;

  /**
   * Creates the exception.
   *
   * @param input the text that failed to parse
   * @param reason the rule it broke
   */
  public InvalidDigestException(String input, String reason) {
    super("invalid digest \"" + Texts.quoteInput(input) + "\": " + reason);
    this.input = input;
    this.reason = reason;
  }

  /** {@return the text that failed to parse} */
  public String input() {
    return input;
  }

  /** {@return the rule it broke} */
  public String reason() {
    return reason;
  }
}
