package dev.ferry.auth;

import dev.ferry.FerryException;
import org.jspecify.annotations.Nullable;

/**
 * A credential source exists but cannot be used: a malformed config file, a
 * helper that failed. Names the source and what was wrong, never the secret.
 *
 * <p>Thread-safety: immutable.
 *
 * @since 0.1
 */
public class CredentialException extends FerryException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which source and what was wrong
   * @since 0.1
   */
  public CredentialException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message which source and what was wrong
   * @param cause the underlying failure (must not carry the secret in its message), or null
   * @since 0.1
   */
  public CredentialException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
