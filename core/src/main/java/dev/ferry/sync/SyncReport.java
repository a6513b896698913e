package dev.ferry.sync;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What one run of a {@link Mirror} did, tag by tag, or (for {@link Mirror#plan plan})
 * would do.
 *
 * <pre>{@code
 * SyncReport report = mirror.sync(client);
 * System.out.println(report.copied() + " copied, " + report.upToDate() + " up to date, "
 *     + report.failed() + " failed");
 * report.tags().forEach(System.out::println);
 * }</pre>
 *
 * <p>Thread-safety: immutable.
 *
 * @param tags every tag handled, repository by repository
 * @param pauses the rate-limit pauses taken
 * @param bytesMoved bytes uploaded to destinations
 * @param duration how long the run took
 * @param dryRun true for a plan: nothing was written
 * @since 0.1
 */
public record SyncReport(List<TagSync> tags, List<RateLimitPause> pauses, long bytesMoved, Duration duration,
    boolean dryRun) {
  /**
   * Validates the parts.
   *
   * @param tags the tags
   * @param pauses the pauses
   * @param bytesMoved bytes uploaded
   * @param duration the duration
   * @param dryRun whether nothing was written
   * @since 0.1
   */
  public SyncReport {
    tags = List.copyOf(tags);
    pauses = List.copyOf(pauses);
    Objects.requireNonNull(duration, "duration");
  }

  /**
   * {@return how many tags were copied (would be, in a plan)}
   *
   * @since 0.1
   */
  public int copied() {
    return count(TagSync.Outcome.COPIED);
  }

  /**
   * {@return how many tags were already up to date}
   *
   * @since 0.1
   */
  public int upToDate() {
    return count(TagSync.Outcome.UP_TO_DATE);
  }

  /**
   * {@return how many destination tags were deleted (would be, in a plan)}
   *
   * @since 0.1
   */
  public int pruned() {
    return count(TagSync.Outcome.PRUNED);
  }

  /**
   * {@return how many tags (or repositories) failed}
   *
   * @since 0.1
   */
  public int failed() {
    return count(TagSync.Outcome.FAILED);
  }

  /**
   * {@return whether nothing failed}
   *
   * @since 0.1
   */
  public boolean succeeded() {
    return failed() == 0;
  }

  private int count(TagSync.Outcome outcome) {
    return (int) tags.stream().filter(t -> t.outcome() == outcome).count();
  }

  @Override
  public String toString() {
    return (dryRun ? "plan: " : "") + copied() + " copied, " + upToDate() + " up to date, " + pruned() + " pruned, "
        + failed() + " failed, " + bytesMoved + " bytes in " + duration.toMillis() + " ms"
        + (pauses.isEmpty() ? "" : ", " + pauses.size() + " rate-limit pause(s)");
  }
}
