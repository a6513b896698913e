package dev.ferry.testing;

import dev.ferry.FerryException;

/**
 * The embedded registry could not start: no port to bind, or its storage directory
 * is unusable.
 *
 * @since 0.1
 */
public final class EmbeddedRegistryException extends FerryException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception with its cause.
   *
   * @param message what failed
   * @param cause why
   * @since 0.1
   */
  public EmbeddedRegistryException(String message, Throwable cause) {
    super(message, cause);
  }
}
