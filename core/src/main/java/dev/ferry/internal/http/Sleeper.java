package dev.ferry.internal.http;

import java.time.Duration;

/** Waits between retries; tests substitute one that records the waits instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
  /** Waits for the duration; throws when the thread is interrupted. */
  void sleep(Duration duration) throws InterruptedException;

  /** The real one: {@link Thread#sleep}, which honours interrupts. */
  static Sleeper system() {
    return duration -> {
      if (!duration.isZero() && !duration.isNegative()) {
        Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
      }
    };
  }
}
