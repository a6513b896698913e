package dev.ferry.migrate;

import java.util.List;

/**
 * The dry run of a {@link Migration}: each distinct source image with its destination and source
 * digest, every file and line that would change, and the places Ferry cannot resolve alone.
 * Making it wrote nothing anywhere.
 *
 * <pre>{@code
 * MigrationPlan plan = migration.plan(client);
 * System.out.print(plan.summary());       // or plan.toJson() for a pipeline
 * }</pre>
 *
 * <p>Thread-safety: immutable.
 *
 * @since 0.1
 */
public final class MigrationPlan {
  private final List<ImageEntry> images;
  private final List<FileEntry> files;
  private final List<UnresolvedImage> unresolved;

  MigrationPlan(List<ImageEntry> images, List<FileEntry> files, List<UnresolvedImage> unresolved) {
    this.images = List.copyOf(images);
    this.files = List.copyOf(files);
    this.unresolved = List.copyOf(unresolved);
  }

  /**
   * {@return each distinct source image: to copy (with its source digest), not found, failed or skipped}
   *
   * @since 0.1
   */
  public List<ImageEntry> images() {
    return images;
  }

  /**
   * {@return each file that would change, with its lines; a file with an image that cannot be copied is FAILED}
   *
   * @since 0.1
   */
  public List<FileEntry> files() {
    return files;
  }

  /**
   * {@return the places that name an image Ferry cannot resolve alone (migrate them by hand)}
   *
   * @since 0.1
   */
  public List<UnresolvedImage> unresolved() {
    return unresolved;
  }

  /**
   * {@return whether every image to copy was found at its source}
   *
   * @since 0.1
   */
  public boolean ready() {
    return images.stream().noneMatch(i -> i.status() == ImageEntry.Status.FAILED
        || i.status() == ImageEntry.Status.NOT_FOUND);
  }

  /**
   * {@return a human-readable summary: counts, then one line per image, file, change and unresolved place}
   *
   * @since 0.1
   */
  public String summary() {
    return Summary.write("Plan", images, files, unresolved);
  }

  /**
   * {@return the plan as a JSON object ({@code images}, {@code files}, {@code unresolved}), for pipelines}
   *
   * @since 0.1
   */
  public String toJson() {
    return JsonForm.write("plan", ready(), images, files, unresolved, null);
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
