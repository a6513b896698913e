package dev.ferry.sync;

import dev.ferry.registry.RateLimit;
import java.time.Duration;
import java.util.Objects;

/**
 * A mirror stopped pulling from a registry until its rate-limit window resets, because
 * fewer requests were left than {@link MirrorBuilder#minRemaining(long)} asks to keep.
 *
 * <p>Thread-safety: immutable.
 *
 * @param registry the source registry
 * @param limit what the registry last said ({@code RateLimit-Remaining}, its window, {@code Retry-After})
 * @param pause how long the mirror waited
 * @since 0.1
 */
public record RateLimitPause(String registry, RateLimit limit, Duration pause) {
  /**
   * Validates the parts.
   *
   * @param registry the registry
   * @param limit the rate limit
   * @param pause the pause
   * @since 0.1
   */
  public RateLimitPause {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(limit, "limit");
    Objects.requireNonNull(pause, "pause");
  }
}
