package dev.ferry.registry;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a registry said about its rate limit in a response: Docker Hub's
 * {@code ratelimit-limit: 100;w=21600} and {@code ratelimit-remaining: 76;w=21600},
 * the IETF draft's {@code RateLimit-Reset}, and {@code Retry-After}. Each part is
 * present only when the registry sent it in a form Ferry understood; headers that
 * cannot be read are left out, never an error.
 *
 * <p>Thread-safety: immutable.
 *
 * @param limit how many requests the window allows
 * @param remaining how many requests are left in the window
 * @param window the length of the window (Docker Hub's {@code w=} parameter)
 * @param reset how long until the window resets
 * @param retryAfter how long the registry asked the client to wait ({@code Retry-After})
 * @since 0.1
 */
public record RateLimit(OptionalLong limit, OptionalLong remaining, Optional<Duration> window,
    Optional<Duration> reset, Optional<Duration> retryAfter) {
  private static final RateLimit UNKNOWN = new RateLimit(OptionalLong.empty(), OptionalLong.empty(),
      Optional.empty(), Optional.empty(), Optional.empty());

  /**
   * Validates the parts.
   *
   * @param limit how many requests the window allows
   * @param remaining how many requests are left in the window
   * @param window the length of the window
   * @param reset how long until the window resets
   * @param retryAfter how long the registry asked the client to wait
   * @since 0.1
   */
  public RateLimit {
    Objects.requireNonNull(limit, "limit");
    Objects.requireNonNull(remaining, "remaining");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(reset, "reset");
    Objects.requireNonNull(retryAfter, "retryAfter");
  }

  /**
   * A rate limit about which nothing is known (the registry sent no such headers).
   *
   * @return the rate limit with every part absent
   * @since 0.1
   */
  public static RateLimit unknown() {
    return UNKNOWN;
  }

  /**
   * {@return whether the registry sent any rate-limit information}
   *
   * @since 0.1
   */
  public boolean isKnown() {
    // not !equals(UNKNOWN): a record's equals is bootstrapped through method handles, which costs a
    // fresh JVM about 85 generated classes on its first request (every response is asked this)
    return limit.isPresent() || remaining.isPresent() || window.isPresent() || reset.isPresent()
        || retryAfter.isPresent();
  }

  /**
   * {@return whether the registry said that no requests are left in the window}
   *
   * @since 0.1
   */
  public boolean isExhausted() {
    return remaining.isPresent() && remaining.getAsLong() <= 0;
  }
}
