package dev.ferry.reference;

import dev.ferry.InvalidInputException;

/**
 * An image reference that Docker, containerd and Kubernetes would refuse too:
 * the message names the input and the rule it broke.
 *
 * <p>Thread-safety: immutable.
 *
 * @since 0.1
 */
public final class InvalidReferenceException extends InvalidInputException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param input the text that failed to parse
   * @param reason the rule it broke, e.g. "repository name must be lowercase"
   * @since 0.1
   */
  public InvalidReferenceException(String input, String reason) {
    super("image reference", input, reason, null);
  }

  /**
   * Creates the exception with the failure that caused it (for example an {@link InvalidDigestException}).
   *
   * @param input the text that failed to parse
   * @param reason the rule it broke
   * @param cause the underlying failure
   * @since 0.1
   */
  public InvalidReferenceException(String input, String reason, Throwable cause) {
    super("image reference", input, reason, cause);
  }
}
