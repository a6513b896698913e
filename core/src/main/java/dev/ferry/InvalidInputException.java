package dev.ferry;

import dev.ferry.internal.Texts;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Text given to a {@code parse} method broke a rule: an image reference, a digest,
 * a platform specifier. The message quotes the input (escaped and cut if long)
 * and names the rule; {@link #input()} and {@link #reason()} give both apart.
 * Catch this type to handle every kind of bad user input at once.
 *
 * <p>Thread-safety: immutable.
 *
 * @since 0.1
 */
public abstract class InvalidInputException extends FerryException {
  private static final long serialVersionUID = 1L;

  private final String input;
  private final String reason;

  /**
   * Creates the exception.
   *
   * @param kind what the input was meant to be, e.g. "image reference"
   * @param input the text that failed to parse
   * @param reason the rule it broke
   * @param cause the underlying failure, or null
   * @since 0.1
   */
  protected InvalidInputException(String kind, String input, String reason, @Nullable Throwable cause) {
    super("invalid " + kind + " " + Texts.quote(Objects.requireNonNull(input, "input")) + ": "
        + Objects.requireNonNull(reason, "reason"), cause);
    this.input = input;
    this.reason = reason;
  }

  /**
   * {@return the text that failed to parse, exactly as given}
   *
   * @since 0.1
   */
  public String input() {
    return input;
  }

  /**
   * {@return the rule the input broke, without the input}
   *
   * @since 0.1
   */
  public String reason() {
    return reason;
  }
}
