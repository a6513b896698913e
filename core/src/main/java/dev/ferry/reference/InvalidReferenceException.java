package dev.ferry.reference;

import dev.ferry.FerryException;

/**
 * An image reference that Docker, containerd and Kubernetes would refuse too:
 * the message names the input and the rule it broke.
 *
 * <p>Thread-safety: immutable.
 *
 * @since 0.1
 */
public final class InvalidReferenceException extends FerryException {
  private static final long serialVersionUID = 1L;

  private final String input;
  private final String reason;

  /**
   * Creates the exception.
   *
   * @param input the text that failed to parse
   * @param reason the rule it broke, e.g. "repository name must be lowercase"
   */
  public InvalidReferenceException(String input, String reason) {
    super("invalid image reference \"" + Texts.quoteInput(input) + "\": " + reason);
    this.input = input;
    this.reason = reason;
  }

  /**
   * Creates the exception with the failure that caused it (e.g. an {@link InvalidDigestException}).
   *
   * @param input the text that failed to parse
   * @param reason the rule it broke
   * @param cause the underlying failure
   */
  public InvalidReferenceException(String input, String reason, Throwable cause) {
    super("invalid image reference \"" + Texts.quoteInput(input) + "\": " + reason, cause);
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
