package dev.ferry.internal.http;

import dev.ferry.registry.RegistryResponseException;
import dev.ferry.registry.RetryPolicy;
import dev.ferry.registry.TransportException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * The one answer to "may this failed attempt be tried again, and after how long?", for
 * every request a client makes (HttpClient 5's {@code HttpRequestRetryStrategy} is the
 * model). A replayable request is sent again by {@link Retrier}; a blob download resumes
 * with {@code Range}; an upload whose body cannot be replayed resumes from the offset its
 * session reports or restarts from a re-opened source. Those are the callers' answers:
 * the decision, the status list, the backoff, {@code Retry-After}, the retry events and
 * the sleeper are all here, driven by one {@link RetryPolicy}.
 *
 * <p>Retried: I/O failures {@link IoFailures#isRetryable} accepts and statuses 408, 429,
 * 500, 502, 503 and 504, while attempts are left and the thread is not interrupted. A
 * {@code Retry-After} replaces the computed backoff; one asking for more than the policy's
 * cap ends the retries. Thread-safe.
 */
public final class RetryStrategy {
  private final RetryPolicy policy;
  private final Sleeper sleeper;
  private final Clock clock;
  private final DoubleSupplier random;

  /**
   * @param policy attempts, backoff and the {@code Retry-After} cap
   * @param sleeper waits between attempts
   * @param clock reads {@code Retry-After} dates against this
   * @param random uniform values in [0, 1) for jitter
   */
  public RetryStrategy(RetryPolicy policy, Sleeper sleeper, Clock clock, DoubleSupplier random) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** The policy this strategy follows. */
  public RetryPolicy policy() {
    return policy;
  }

  /** 408, 429, 500, 502, 503, 504: answers that may change if asked again. */
  public static boolean isRetryableStatus(int status) {
    return status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
  }

  /**
   * The wait before the next attempt after attempt number {@code attempt} (1 for the first)
   * failed with an I/O error; empty to give up.
   */
  public Optional<Duration> afterIo(IOException failure, int attempt) {
    if (!mayTryAgain(attempt) || !IoFailures.isRetryable(failure)) {
      return Optional.empty();
    }
    return Optional.of(backoff(attempt));
  }

  /** As {@link #afterIo}, for an answer with a status and maybe a {@code Retry-After} header. */
  public Optional<Duration> afterStatus(int status, Optional<String> retryAfter, int attempt) {
    if (!mayTryAgain(attempt) || !isRetryableStatus(status)) {
      return Optional.empty();
    }
    Optional<Duration> asked = retryAfter.flatMap(v -> RetryAfter.parse(v, clock.instant()));
    if (asked.isPresent()) {
      return asked.get().compareTo(policy.maxRetryAfter()) > 0 ? Optional.empty() : asked;
    }
    return Optional.of(backoff(attempt));
  }

  /**
   * As {@link #afterIo}, for a layer above the transport that sees typed failures: a
   * {@link TransportException} whose I/O cause is retryable, or a
   * {@link RegistryResponseException} with a retryable status ({@code retryAfter} is that
   * response's header). Anything else (a digest mismatch, a cancellation) is final.
   */
  public Optional<Duration> afterFailure(RuntimeException failure, Optional<String> retryAfter, int attempt) {
    if (failure instanceof TransportException && failure.getCause() instanceof IOException io) {
      return afterIo(io, attempt);
    }
    if (failure instanceof RegistryResponseException response) {
      return afterStatus(response.status(), retryAfter, attempt);
    }
    return Optional.empty();
  }

  /** A short reason for an I/O failure (such as {@code connection reset}), escaped for messages. */
  public static String describe(IOException failure) {
    return IoFailures.describe(failure);
  }

  /** A short reason for a failure {@link #afterFailure} accepted, for retry events. */
  public static String reason(RuntimeException failure) {
    if (failure instanceof TransportException && failure.getCause() instanceof IOException io) {
      return IoFailures.describe(io);
    }
    if (failure instanceof RegistryResponseException response) {
      return StatusTexts.of(response.status());
    }
    return failure.getClass().getSimpleName();
  }

  /**
   * Tells the events of the call ({@link CallContext#events()}), then waits before the next attempt.
   *
   * @param request what is tried again (for a resumed or restarted upload, the request that failed)
   * @param attempt the attempt that failed, 1 for the first
   * @throws TransportException when the thread is interrupted while waiting
   */
  public void pause(Request request, CallContext context, int attempt, Duration delay, String reason) {
    context.events().onRetry(request, attempt, delay, reason);
    try {
      sleeper.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException cause = new InterruptedIOException("interrupted while waiting to retry");
      cause.initCause(e);
      throw new TransportException(Messages.request(request) + " interrupted while waiting " + delay.toMillis()
          + " ms to retry after " + reason + " " + Messages.where(context), context.registry(),
          context.repository(), request.method(), Urls.redact(request.uri()), cause);
    }
  }

  private boolean mayTryAgain(int attempt) {
    // an interrupted thread is a cancelled copy: no further attempt, whatever the policy
    return attempt < policy.maxAttempts() && !Thread.currentThread().isInterrupted();
  }

  private Duration backoff(int attempt) {
    return Backoff.delay(policy, attempt, random.getAsDouble());
  }
}
