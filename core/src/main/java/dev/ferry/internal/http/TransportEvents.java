package dev.ferry.internal.http;

import java.time.Duration;

/**
 * Hooks the transport calls as it works, so the copy engine can surface retries.
 * Methods are called on the thread executing the request; every one defaults to doing
 * nothing, so adding a hook never breaks an implementation.
 */
public interface TransportEvents {
  /** Does nothing. */
  TransportEvents NONE = new TransportEvents() {};

  /**
   * Called before waiting to send a request again.
   *
   * @param request the request being retried (its toString carries no query or credentials)
   * @param attempt the attempt that failed, 1 for the first
   * @param delay how long the transport waits before the next attempt
   * @param reason why, e.g. {@code 503 Service Unavailable} or {@code connection reset}
   */
  default void onRetry(Request request, int attempt, Duration delay, String reason) {}
}
