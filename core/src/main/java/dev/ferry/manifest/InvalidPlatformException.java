package dev.ferry.manifest;

import dev.ferry.InvalidInputException;

/**
 * A platform specifier that {@link Platform#parse(String)} (and containerd) would refuse:
 * the message names the input and the rule it broke.
 *
 * <p>Thread-safety: immutable.
 *
 * @since 0.1
 */
public final class InvalidPlatformException extends InvalidInputException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param input the specifier that failed to parse
   * @param reason the rule it broke, e.g. "wildcards are not supported"
   * @since 0.1
   */
  public InvalidPlatformException(String input, String reason) {
    super("platform", input, reason, null);
  }
}
