package dev.ferry.internal.http;

import dev.ferry.registry.RetryPolicy;
import java.time.Duration;

/** Computes the wait before a retry from a policy. Pure; thread-safe. */
final class Backoff {
  private Backoff() {}

  /**
   * The wait before retry number {@code retry} (1 before the second attempt): the initial
   * backoff doubled per retry, capped, then jittered with {@code random}, a value in [0, 1).
   */
  static Duration delay(RetryPolicy policy, int retry, double random) {
    long initial = policy.initialBackoff().toNanos();
    long max = policy.maxBackoff().toNanos();
    int doublings = Math.max(0, retry - 1);
    long base = doublings >= 62 || initial > (max >> doublings) ? max : initial << doublings;
    double r = Double.isNaN(random) ? 0 : Math.min(Math.max(random, 0), Math.nextDown(1.0));
    long nanos = switch (policy.jitter()) {
      case NONE -> base;
      case FULL -> (long) (base * r);
      case EQUAL -> base / 2 + (long) ((base - base / 2) * r);
    };
    return Duration.ofNanos(nanos);
  }
}
