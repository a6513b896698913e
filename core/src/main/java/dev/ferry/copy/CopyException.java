package dev.ferry.copy;

import dev.ferry.FerryException;

/**
 * A copy failed: says which blob or manifest, between which images, and why
 * (the cause is the typed failure: a registry error, a digest mismatch, a
 * transport failure). No destination tag was written.
 *
 * <p>Thread-safety: immutable.
 *
 * @since 0.1
 */
public final class CopyException extends FerryException {
  private static final long serialVersionUID = 1L;

  private final String item;

  /**
   * Creates the exception.
   *
   * @param message what failed and why
   * @param item the blob or manifest, e.g. {@code blob sha256:...} or {@code manifest sha256:...}
   * @param cause the underlying failure
   * @since 0.1
   */
  public CopyException(String message, String item, Throwable cause) {
    super(message, cause);
    this.item = item;
  }

  /**
   * {@return the blob or manifest that failed, e.g. {@code blob sha256:...}}
   *
   * @since 0.1
   */
  public String item() {
    return item;
  }
}
