package dev.ferry.internal.http;

import java.time.Duration;

/**
 * Hooks the transport calls as it works, carried by the {@link CallContext} of each
 * request: whoever starts a call hands in its events, so concurrent calls on one client
 * keep theirs apart whatever thread sends them. Every method defaults to doing nothing,
 * so adding a hook never breaks an implementation; a request's {@code toString} carries
 * no query and no credentials. Implementations must be thread-safe: a response may be
 * closed, and an abandoned upload cancelled, on another thread than the one that sent it.
 */
public interface TransportEvents {
  /** Does nothing. */
  TransportEvents NONE = new TransportEvents() {};

  /** Called as one exchange (an attempt, a redirect hop, a token request) is about to be sent. */
  default void requestStarted(Request request) {}

  /**
   * Called once the response to an exchange is closed (its body read, or abandoned).
   *
   * @param status the HTTP status the server answered
   * @param duration from {@link #requestStarted} to the close
   */
  default void requestFinished(Request request, int status, Duration duration) {}

  /**
   * Called when an exchange got no response (connect, TLS or I/O failure).
   *
   * @param reason a short reason such as {@code connection reset}, without secrets
   * @param duration from {@link #requestStarted} to the failure
   */
  default void requestFailed(Request request, String reason, Duration duration) {}

  /**
   * Called before waiting to send a request again.
   *
   * @param request the request being retried
   * @param attempt the attempt that failed, 1 for the first
   * @param delay how long the transport waits before the next attempt
   * @param reason why, for example {@code 503 Service Unavailable} or {@code connection reset}
   */
  default void onRetry(Request request, int attempt, Duration delay, String reason) {}
}
