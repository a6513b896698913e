package dev.ferry.migrate;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One file a migration rewrites (or would rewrite), with its changes.
 *
 * <p>Thread-safety: immutable.
 *
 * @since 0.1
 */
public final class FileEntry {
  /**
   * What happened, or would happen, to a file.
   *
   * @since 0.1
   */
  public enum Status {
    /** Plan: the file would be rewritten with these changes. */
    TO_REWRITE,
    /** Executed: the file was rewritten (written to a temporary file, then moved into place). */
    REWRITTEN,
    /** Not rewritten, left untouched: see {@link #detail()} (an image failed, the file changed since the scan, ...). */
    FAILED
  }

  private final Path file;
  private final Status status;
  private final List<LineChange> changes;
  private final @Nullable String detail;

  FileEntry(Path file, Status status, List<LineChange> changes, @Nullable String detail) {
    this.file = Objects.requireNonNull(file, "file");
    this.status = Objects.requireNonNull(status, "status");
    this.changes = List.copyOf(changes);
    this.detail = detail;
  }

  /**
   * {@return the file, as named in the scan}
   *
   * @since 0.1
   */
  public Path file() {
    return file;
  }

  /**
   * {@return the status}
   *
   * @since 0.1
   */
  public Status status() {
    return status;
  }

  /**
   * {@return the image texts that change (or would have changed, for a failed file)}
   *
   * @since 0.1
   */
  public List<LineChange> changes() {
    return changes;
  }

  /**
   * {@return why the file was left untouched, if it was}
   *
   * @since 0.1
   */
  public Optional<String> detail() {
    return Optional.ofNullable(detail);
  }

  /**
   * {@return one summary line}
   *
   * @since 0.1
   */
  @Override
  public String toString() {
    return status + " " + file + " (" + changes.size() + (changes.size() == 1 ? " change)" : " changes)")
        + (detail == null ? "" : ": " + detail);
  }
}
