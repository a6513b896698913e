package dev.ferry.migrate;

import dev.ferry.FerryException;
import java.nio.file.Path;

/**
 * A scan or a migration could not go on: the path to scan does not exist or cannot be read, or a
 * file could not be written. Failures of single images or files do not throw; the
 * {@link MigrationReport} lists them.
 *
 * <p>Thread-safety: immutable.
 *
 * @since 0.1
 */
public final class MigrationException extends FerryException {
  private static final long serialVersionUID = 1L;

  private final transient Path path;

  /**
   * Creates the exception.
   *
   * @param message what failed, where and what to do
   * @param path the file or directory concerned
   * @param cause the underlying failure, or null
   * @since 0.1
   */
  public MigrationException(String message, Path path, Throwable cause) {
    super(message, cause);
    this.path = path;
  }

  /**
   * Creates the exception without a cause.
   *
   * @param message what failed, where and what to do
   * @param path the file or directory concerned
   * @since 0.1
   */
  public MigrationException(String message, Path path) {
    super(message);
    this.path = path;
  }

  /**
   * {@return the file or directory concerned}
   *
   * @since 0.1
   */
  public Path path() {
    return path;
  }
}
