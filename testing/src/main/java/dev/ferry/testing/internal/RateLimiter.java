package dev.ferry.testing.internal;

import dev.ferry.testing.RateLimitHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Docker Hub's pull limit, as its registry announces it: every manifest GET or HEAD
 * answers with {@code RateLimit-Limit: 100;w=21600} and {@code RateLimit-Remaining: 76;w=21600},
 * and, as {@link RateLimitHeaders} asks, when the window resets ({@code RateLimit-Reset} or,
 * once nothing is left, {@code Retry-After}, both in seconds); only a GET counts as a pull,
 * and a GET with nothing left is refused with 429 {@code TOOMANYREQUESTS}. Windows follow one
 * another from the registry's start on its clock, so a test that advances the clock sees the
 * limit come back; a zero window never rolls over (a test resets it). Thread-safe.
 */
public final class RateLimiter {
  private final long limit;
  private final Duration window;
  private final Clock clock;
  private final RateLimitHeaders headers;
  private Instant windowEnd;
  private long remaining;

  /** A limit of {@code limit} pulls per {@code window}, all of them left, the first window starting now. */
  public RateLimiter(long limit, Duration window, Clock clock, RateLimitHeaders headers) {
    this.limit = limit;
    this.window = window;
    this.clock = clock;
    this.headers = headers;
    this.windowEnd = clock.instant().plus(window);
    this.remaining = limit;
  }

  /** Gives the whole limit back, as a new window would. */
  public synchronized void reset() {
    remaining = limit;
  }

  /** Counts a manifest request and sets the headers; throws 429 for a pull with nothing left. */
  synchronized void count(Call call, String method) {
    Duration left = roll();
    if (method.equals("GET")) {
      if (remaining == 0) {
        set(call, left);
        throw new ApiError(429, "TOOMANYREQUESTS", "pull rate limit reached: " + limit + " per "
            + window.toSeconds() + " s", left);
      }
      remaining--;
    }
    set(call, left);
  }

  /** Starts the window the clock is in, if it has moved past the last one; the time left in it. */
  private Duration roll() {
    Instant now = clock.instant();
    if (!window.isZero() && !now.isBefore(windowEnd)) {
      long passed = Duration.between(windowEnd, now).toNanos() / window.toNanos() + 1;
      windowEnd = windowEnd.plus(window.multipliedBy(passed));
      remaining = limit;
    }
    return window.isZero() ? Duration.ZERO : Duration.between(now, windowEnd);
  }

  private void set(Call call, Duration left) {
    String w = ";w=" + window.toSeconds();
    call.set("RateLimit-Limit", limit + w).set("RateLimit-Remaining", remaining + w);
    String seconds = Long.toString((left.toMillis() + 999) / 1000);
    if (headers == RateLimitHeaders.WITH_RESET) {
      call.set("RateLimit-Reset", seconds);
    } else if (headers == RateLimitHeaders.WITH_RETRY_AFTER && remaining == 0) {
      call.set("Retry-After", seconds);
    }
  }
}
