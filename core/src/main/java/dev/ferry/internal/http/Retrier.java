package dev.ferry.internal.http;

import dev.ferry.registry.TransportException;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Sends a replayable request again when the {@link RetryStrategy} says so. A one-shot
 * streamed body is never resent here: the upload layer answers those failures itself
 * (resume from the session's offset, or restart from the source) with the same strategy.
 * After the last attempt the last response is returned (mapping statuses to errors is the
 * caller's job) or the last I/O failure thrown as {@link TransportException}. Thread-safe.
 */
final class Retrier {
  /** One attempt: the request sent, redirects followed. */
  @FunctionalInterface
  interface Attempt {
    Response send() throws IOException;
  }

  private final RetryStrategy strategy;

  Retrier(RetryStrategy strategy) {
    this.strategy = strategy;
  }

  Response run(Request request, CallContext context, Attempt attempt) {
    for (int n = 1; ; n++) {
      Response response;
      try {
        response = attempt.send();
      } catch (IOException e) {
        Optional<Duration> wait = request.isReplayable() ? strategy.afterIo(e, n) : Optional.empty();
        if (wait.isEmpty()) {
          throw IoFailures.toException(request, context, e);
        }
        strategy.pause(request, context, n, wait.get(), IoFailures.describe(e));
        continue;
      }
      Optional<Duration> wait = request.isReplayable()
          ? strategy.afterStatus(response.status(), response.header("Retry-After"), n) : Optional.empty();
      if (wait.isEmpty()) {
        return response;
      }
      response.close();
      strategy.pause(request, context, n, wait.get(), StatusTexts.of(response.status()));
    }
  }
}
