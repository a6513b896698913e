package dev.ferry.sync;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How a mirror waits out a rate-limit pause ({@link MirrorBuilder#minRemaining(long)}):
 * {@link #system()} by default. Give another to wait on a clock of your own (a test that
 * advances a clock instead of sleeping), or to watch or bound the wait.
 *
 * <pre>{@code
 * MutableClock clock = ...;
 * Mirror.builder()...minRemaining(10).sleeper(pause -> clock.advance(pause)).build();
 * }</pre>
 *
 * <p>Thread-safety: called from the mirror's worker threads, one pause of a registry at a time.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface Sleeper {
  /**
   * Returns once {@code duration} has passed.
   *
   * @param duration how long to wait, zero or more
   * @throws InterruptedException if the waiting thread is interrupted (the run is then cancelled)
   * @since 0.1
   */
  void sleep(Duration duration) throws InterruptedException;

  /**
   * {@return the sleeper that blocks the calling thread for the duration}
   *
   * @since 0.1
   */
  static Sleeper system() {
    return duration -> TimeUnit.NANOSECONDS.sleep(saturatedNanos(duration));
  }

  private static long saturatedNanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }
}
