package dev.ferry;

import org.jspecify.annotations.Nullable;

/**
 * The root of every exception Ferry throws. It is unchecked; subtypes carry
 * structured fields (the input that was wrong, the registry and repository, the
 * expected and actual digest) so callers can react without parsing messages.
 *
 * <p>Messages say what was wrong, where and why. They never contain secrets.
 *
 * <p>Thread-safety: immutable once thrown.
 *
 * @since 0.1
 */
public class FerryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong, where and why
   * @since 0.1
   */
  public FerryException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and the cause that triggered it.
   *
   * @param message what went wrong, where and why
   * @param cause the underlying failure, or null when there is none
   * @since 0.1
   */
  public FerryException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
