package dev.ferry.registry;

import java.time.Duration;

/**
 * Something a {@link RegistryClient} call did on the wire, delivered to a
 * {@link RegistryEventListener}. One request is one HTTP exchange: each attempt, each
 * redirect hop and each token request is its own. URLs carry scheme, host, port and path
 * only (never a query, user info or any credential), and reasons are withheld when they
 * would show a secret the client holds.
 *
 * <p>Thread-safety: immutable.
 *
 * @since 0.1
 */
public sealed interface RegistryEvent {
  /**
   * The call the event belongs to.
   *
   * @return the client call
   * @since 0.1
   */
  RegistryCall call();

  /**
   * A request is about to be sent.
   *
   * @param call the client call it belongs to
   * @param method the HTTP method
   * @param url the URL without query or credentials
   * @since 0.1
   */
  record RequestStarted(RegistryCall call, String method, String url) implements RegistryEvent {}

  /**
   * A request's response was closed: its body read, or abandoned.
   *
   * @param call the client call it belongs to
   * @param method the HTTP method
   * @param url the URL without query or credentials
   * @param status the HTTP status the server answered
   * @param duration from sending the request to closing its response
   * @since 0.1
   */
  record RequestFinished(RegistryCall call, String method, String url, int status, Duration duration)
      implements RegistryEvent {}

  /**
   * A request got no response: the connection, TLS or I/O failed.
   *
   * @param call the client call it belongs to
   * @param method the HTTP method
   * @param url the URL without query or credentials
   * @param reason why, for example {@code connection reset}
   * @param duration from sending the request to the failure
   * @since 0.1
   */
  record RequestFailed(RegistryCall call, String method, String url, String reason, Duration duration)
      implements RegistryEvent {}

  /**
   * A request failed for a passing reason and is tried again after a pause (the
   * {@link RetryPolicy} allowed it): sent again, a download resumed, or an upload resumed or restarted.
   *
   * @param call the client call it belongs to
   * @param method the HTTP method of the request that failed
   * @param url its URL without query or credentials
   * @param attempt the attempt that failed, 1 for the first
   * @param delay the pause before the next attempt
   * @param reason why, for example {@code 503 Service Unavailable} or {@code connection reset}
   * @since 0.1
   */
  record Retry(RegistryCall call, String method, String url, int attempt, Duration delay, String reason)
      implements RegistryEvent {}
}
