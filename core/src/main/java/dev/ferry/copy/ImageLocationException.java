package dev.ferry.copy;

import dev.ferry.FerryException;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An image file or directory (an OCI layout, an OCI archive, a docker-archive)
 * could not be read or written: the message names the file, what is wrong with it
 * and what to do; {@link #path()} and {@link #problem()} give both apart.
 *
 * <p>Thread-safety: immutable.
 *
 * @since 0.1
 */
public final class ImageLocationException extends FerryException {
  private static final long serialVersionUID = 1L;

  /**
   * What was wrong.
   *
   * @since 0.1
   */
  public enum Problem {
    /** The directory or file does not exist. */
    MISSING,
    /** The file or directory is not an image layout or archive of the expected format. */
    NOT_AN_IMAGE,
    /** The layout or archive holds no image under the name asked for. */
    NAME_NOT_FOUND,
    /** Content does not match the digest or size it is recorded with. */
    CORRUPT,
    /** A tar entry escapes the archive ({@code ../}, an absolute path) or is a link or device. */
    UNSAFE_ENTRY,
    /** The format cannot hold what was asked, for example a multi-platform index in a docker-archive. */
    UNSUPPORTED,
    /** Reading or writing the file system failed. */
    IO
  }

  /** Kept as text: a {@link Path} is not serializable. */
  private final String path;
  private final Problem problem;

  /**
   * Creates the exception.
   *
   * @param path the file or directory
   * @param problem what kind of problem it is
   * @param message what is wrong and what to do, without the path (it is prepended)
   * @param cause the underlying failure, or null
   * @since 0.1
   */
  public ImageLocationException(Path path, Problem problem, String message, @Nullable Throwable cause) {
    super(Objects.requireNonNull(path, "path") + ": " + Objects.requireNonNull(message, "message"), cause);
    this.path = path.toString();
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  /**
   * {@return the file or directory at fault}
   *
   * @since 0.1
   */
  public Path path() {
    return Path.of(path);
  }

  /**
   * {@return what kind of problem it is}
   *
   * @since 0.1
   */
  public Problem problem() {
    return problem;
  }
}
