package dev.ferry.migrate;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What {@link Migration#execute} did: per image (copied, up to date, skipped, failed, with the
 * digest written) and per file (rewritten, or left untouched and why).
 *
 * <pre>{@code
 * MigrationReport done = migration.execute(client);
 * if (!done.succeeded()) System.err.print(done.summary());
 * }</pre>
 *
 * <p>Thread-safety: immutable.
 *
 * @since 0.1
 */
public final class MigrationReport {
  private final List<ImageEntry> images;
  private final List<FileEntry> files;
  private final List<UnresolvedImage> unresolved;
  private final Duration duration;

  MigrationReport(List<ImageEntry> images, List<FileEntry> files, List<UnresolvedImage> unresolved,
      Duration duration) {
    this.images = List.copyOf(images);
    this.files = List.copyOf(files);
    this.unresolved = List.copyOf(unresolved);
    this.duration = Objects.requireNonNull(duration, "duration");
  }

  /**
   * {@return each distinct source image and what happened to it}
   *
   * @since 0.1
   */
  public List<ImageEntry> images() {
    return images;
  }

  /**
   * {@return each file with image text to change: rewritten, or failed and left untouched}
   *
   * @since 0.1
   */
  public List<FileEntry> files() {
    return files;
  }

  /**
   * {@return the places that name an image Ferry could not resolve alone (not migrated)}
   *
   * @since 0.1
   */
  public List<UnresolvedImage> unresolved() {
    return unresolved;
  }

  /**
   * {@return how long the copies took}
   *
   * @since 0.1
   */
  public Duration duration() {
    return duration;
  }

  /**
   * Whether no image failed to copy and no file was left untouched. Unresolved places do not
   * count: they were never part of the migration (see {@link #unresolved()}).
   *
   * @return whether everything the migration took on succeeded
   * @since 0.1
   */
  public boolean succeeded() {
    return images.stream().noneMatch(i -> i.status() == ImageEntry.Status.FAILED)
        && files.stream().noneMatch(f -> f.status() == FileEntry.Status.FAILED);
  }

  /**
   * {@return a human-readable summary: counts, then one line per image, file, change and unresolved place}
   *
   * @since 0.1
   */
  public String summary() {
    return Summary.write("Migration", images, files, unresolved);
  }

  /**
   * {@return the report as a JSON object ({@code images}, {@code files}, {@code unresolved}), for pipelines}
   *
   * @since 0.1
   */
  public String toJson() {
    return JsonForm.write("report", succeeded(), images, files, unresolved, duration);
  }

  /**
   * {@return the summary}
   *
   * @since 0.1
   */
  @Override
  public String toString() {
    return summary();
  }
}
