package dev.ferry.internal.http;

import dev.ferry.registry.RetryPolicy;
import dev.ferry.registry.TransportException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Sends a request again when it failed for a reason that may pass, per the
 * {@link RetryPolicy}: I/O failures {@link IoFailures#isRetryable} accepts and statuses
 * 408, 429, 500, 502, 503 and 504. Only requests that can be sent twice are retried; a
 * one-shot streamed body is never resent, whatever happened. A {@code Retry-After}
 * replaces the computed backoff, or, when it asks for more than the policy's cap, ends the
 * retries with the response returned as it is. After the last attempt the last response
 * is returned (mapping statuses to errors is the caller's job) or the last I/O failure
 * thrown as {@link TransportException}. Thread-safe.
 */
final class Retrier {
  /** One attempt: the request sent, redirects followed. */
  @FunctionalInterface
  interface Attempt {
    Response send() throws IOException;
  }

  private final TransportSettings settings;

  Retrier(TransportSettings settings) {
    this.settings = settings;
  }

  static boolean isRetryableStatus(int status) {
    return status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
  }

  Response run(Request request, CallContext context, Attempt attempt) {
    RetryPolicy policy = settings.retryPolicy();
    for (int n = 1; ; n++) {
      boolean mayRetry = n < policy.maxAttempts() && request.isReplayable();
      Response response;
      try {
        response = attempt.send();
      } catch (IOException e) {
        if (!mayRetry || !IoFailures.isRetryable(e)) {
          throw IoFailures.toException(request, context, e);
        }
        pause(request, context, n, Backoff.delay(policy, n, settings.random().getAsDouble()),
            IoFailures.describe(e));
        continue;
      }
      if (!mayRetry || !isRetryableStatus(response.status())) {
        return response;
      }
      Optional<Duration> retryAfter = response.header("Retry-After")
          .flatMap(v -> RetryAfter.parse(v, settings.clock().instant()));
      if (retryAfter.isPresent() && retryAfter.get().compareTo(policy.maxRetryAfter()) > 0) {
        return response;
      }
      Duration delay = retryAfter.isPresent() ? retryAfter.get()
          : Backoff.delay(policy, n, settings.random().getAsDouble());
      response.close();
      pause(request, context, n, delay, StatusTexts.of(response.status()));
    }
  }

  private void pause(Request request, CallContext context, int attempt, Duration delay, String reason) {
    settings.events().onRetry(request, attempt, delay, reason);
    try {
      settings.sleeper().sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException cause = new InterruptedIOException("interrupted while waiting to retry");
      cause.initCause(e);
      throw new TransportException(Messages.request(request) + " interrupted while waiting " + delay.toMillis()
          + " ms to retry after " + reason + " " + Messages.where(context), context.registry(),
          context.repository(), request.method(), Urls.redact(request.uri()), cause);
    }
  }
}
