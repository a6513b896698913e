package dev.ferry.manifest;

import dev.ferry.FerryException;

/**
 * A platform specifier that {@link Platform#parse(String)} (and containerd) would refuse:
 * the message names the input and the rule it broke.
 *
 * <p>Thread-safety: immutable.
 *
 * @since 0.1
 */
public final class InvalidPlatformException extends FerryException {
  private static final long serialVersionUID = 1L;

  private final String input;
  private final String reason;

  /**
   * Creates the exception.
   *
   * @param input the specifier that failed to parse
   * @param reason the rule it broke, e.g. "wildcards are not supported"
   * @since 0.1
   */
  public InvalidPlatformException(String input, String reason) {
    super("invalid platform \"" + PlatformText.quoteInput(input) + "\": " + reason);
    this.input = input;
    this.reason = reason;
  }

  /**
   * The specifier that failed to parse.
   *
   * @return the input, exactly as given
   * @since 0.1
   */
  public String input() {
    return input;
  }

  /**
   * The rule the input broke.
   *
   * @return a short human-readable reason
   * @since 0.1
   */
  public String reason() {
    return reason;
  }
}
