package dev.ferry.testing.internal;

import java.time.Duration;

/**
 * Docker Hub's pull limit, as its registry announces it: every manifest GET or HEAD
 * answers with {@code RateLimit-Limit: 100;w=21600} and {@code RateLimit-Remaining: 76;w=21600}
 * (and {@code RateLimit-Reset}, the seconds left in the window, as the IETF draft has it);
 * only a GET counts as a pull, and a GET with nothing left is refused with 429
 * {@code TOOMANYREQUESTS}. The window never rolls over by itself: a test resets it.
 * Thread-safe.
 */
public final class RateLimiter {
  private final long limit;
  private final Duration window;
  private long remaining;

  /** A limit of {@code limit} pulls per {@code window}, all of them left. */
  public RateLimiter(long limit, Duration window) {
    this.limit = limit;
    this.window = window;
    this.remaining = limit;
  }

  /** Gives the whole limit back, as a new window would. */
  public synchronized void reset() {
    remaining = limit;
  }

  /** Counts a manifest request and sets the headers; throws 429 for a pull with nothing left. */
  synchronized void count(Call call, String method) {
    if (method.equals("GET")) {
      if (remaining == 0) {
        set(call);
        throw new ApiError(429, "TOOMANYREQUESTS", "pull rate limit reached: " + limit + " per "
            + window.toSeconds() + " s", window);
      }
      remaining--;
    }
    set(call);
  }

  private void set(Call call) {
    String w = ";w=" + window.toSeconds();
    call.set("RateLimit-Limit", limit + w).set("RateLimit-Remaining", remaining + w)
        .set("RateLimit-Reset", Long.toString(window.toSeconds()));
  }
}
