package dev.ferry.sync;

import dev.ferry.copy.CopyListener;

/**
 * Hears what a mirror does. Every method has a no-op default. Methods are called from
 * worker threads, possibly concurrently: keep them quick and thread-safe. An exception
 * thrown by a listener is ignored.
 *
 * <pre>{@code
 * SyncListener log = new SyncListener() {
 *   @Override public void runFinished(SyncReport report) { System.out.println(report); }
 * };
 * }</pre>
 *
 * @since 0.1
 */
public interface SyncListener {
  /**
   * A listener that hears nothing.
   *
   * @since 0.1
   */
  SyncListener NONE = new SyncListener() {};

  /**
   * One tag is done: copied, up to date, pruned, kept or failed.
   *
   * @param tag what happened to it
   * @since 0.1
   */
  default void tagSynced(TagSync tag) {}

  /**
   * The mirror pauses before pulling more from a registry whose rate limit runs low.
   *
   * @param pause the registry, what it said, and how long the mirror waits
   * @since 0.1
   */
  default void paused(RateLimitPause pause) {}

  /**
   * A run ended with a report (failed tags included).
   *
   * @param report the run's report
   * @since 0.1
   */
  default void runFinished(SyncReport report) {}

  /**
   * A scheduled run ended without a report (it was cancelled, or something unexpected
   * went wrong); the schedule goes on unless it was closed.
   *
   * @param failure what stopped the run
   * @since 0.1
   */
  default void runFailed(Throwable failure) {}

  /**
   * Where the events of each image copy go (blobs, manifests, retries).
   *
   * @return the copy listener; {@link CopyListener#NONE} by default
   * @since 0.1
   */
  default CopyListener copyListener() {
    return CopyListener.NONE;
  }
}
