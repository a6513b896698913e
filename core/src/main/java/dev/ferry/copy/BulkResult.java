package dev.ferry.copy;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The per-image report of a {@link BulkCopy}, in the order the sources were given.
 *
 * @param entries one entry per image
 * @param duration how long the whole bulk copy took
 * @since 0.1
 */
public record BulkResult(List<BulkEntry> entries, Duration duration) {
  /**
   * Validates the parts.
   *
   * @param entries the entries
   * @param duration the duration
   * @since 0.1
   */
  public BulkResult {
    entries = List.copyOf(entries);
    Objects.requireNonNull(duration, "duration");
  }

  /**
   * {@return how many images were copied (something written)}
   *
   * @since 0.1
   */
  public long copied() {
    return count(BulkEntry.Status.COPIED);
  }

  /**
   * {@return how many images were already up to date}
   *
   * @since 0.1
   */
  public long upToDate() {
    return count(BulkEntry.Status.UP_TO_DATE);
  }

  /**
   * {@return how many images failed}
   *
   * @since 0.1
   */
  public long failed() {
    return count(BulkEntry.Status.FAILED);
  }

  /**
   * {@return whether no image failed}
   *
   * @since 0.1
   */
  public boolean succeeded() {
    return failed() == 0;
  }

  private long count(BulkEntry.Status status) {
    return entries.stream().filter(e -> e.status() == status).count();
  }
}
