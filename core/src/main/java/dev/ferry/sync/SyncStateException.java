package dev.ferry.sync;

import dev.ferry.FerryException;
import java.nio.file.Path;

/**
 * A {@link SyncState#file(Path) state file} could not be read or written.
 *
 * <p>Thread-safety: immutable.
 *
 * @since 0.1
 */
public final class SyncStateException extends FerryException {
  private static final long serialVersionUID = 1L;

  /** The file, as text (a {@link Path} is not serialisable). */
  private final String file;

  SyncStateException(Path file, String problem, Throwable cause) {
    super("mirror state file " + file + ": " + problem, cause);
    this.file = file.toString();
  }

  SyncStateException(Path file, String problem) {
    super("mirror state file " + file + ": " + problem);
    this.file = file.toString();
  }

  /**
   * {@return the state file concerned}
   *
   * @since 0.1
   */
  public Path file() {
    return Path.of(file);
  }
}
