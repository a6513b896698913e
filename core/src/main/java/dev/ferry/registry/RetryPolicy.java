package dev.ferry.registry;

import java.time.Duration;
import java.util.Objects;

/**
 * How Ferry retries a request that failed for a reason that may pass: a connection
 * refused, reset or timed out, or a status of 408, 429, 500, 502, 503 or 504.
 * Waits grow exponentially from {@link #initialBackoff()} up to
 * {@link #maxBackoff()}, with random jitter so that many clients do not retry in
 * step; a {@code Retry-After} header from the registry replaces the computed wait,
 * unless it asks for more than {@link #maxRetryAfter()}, in which case the
 * response is returned as it is. Requests whose body can be sent only once (a
 * blob streamed from another registry) are never retried.
 *
 * <pre>{@code
 * RetryPolicy patient = RetryPolicy.builder().maxAttempts(8).maxBackoff(Duration.ofSeconds(30)).build();
 * }</pre>
 *
 * <p>Thread-safety: immutable and thread-safe.
 *
 * @since 0.1
 */
public final class RetryPolicy {
  private static final RetryPolicy DEFAULTS = builder().build();
  private static final RetryPolicy NONE = builder().maxAttempts(1).build();

  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration maxRetryAfter;
  private final Jitter jitter;

  /**
   * How the computed wait is randomised.
   *
   * @since 0.1
   */
  public enum Jitter {
    /** No randomness: exactly the exponential wait. Predictable, but clients retry in step. */
    NONE,
    /** A uniformly random wait between zero and the exponential wait. */
    FULL,
    /** Half the exponential wait plus a uniformly random part of the other half. */
    EQUAL
  }

  private RetryPolicy(Builder builder) {
    this.maxAttempts = builder.maxAttempts;
    this.initialBackoff = builder.initialBackoff;
    this.maxBackoff = builder.maxBackoff;
    this.maxRetryAfter = builder.maxRetryAfter;
    this.jitter = builder.jitter;
  }

  /**
   * The default policy: 5 attempts, backoff from 200 ms up to 10 s with equal jitter,
   * {@code Retry-After} honoured up to 60 s.
   *
   * @return the default policy
   * @since 0.1
   */
  public static RetryPolicy defaults() {
    return DEFAULTS;
  }

  /**
   * A policy that sends every request once and never retries.
   *
   * @return the policy with one attempt
   * @since 0.1
   */
  public static RetryPolicy none() {
    return NONE;
  }

  /**
   * A builder starting from the defaults.
   *
   * @return a new builder
   * @since 0.1
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder starting from this policy's settings.
   *
   * @return a new builder
   * @since 0.1
   */
  public Builder toBuilder() {
    return new Builder()
        .maxAttempts(maxAttempts)
        .initialBackoff(initialBackoff)
        .maxBackoff(maxBackoff)
        .maxRetryAfter(maxRetryAfter)
        .jitter(jitter);
  }

  /**
   * {@return the most times a request is sent, the first one included; 1 means no retries}
   *
   * @since 0.1
   */
  public int maxAttempts() {
    return maxAttempts;
  }

  /**
   * {@return the wait before the first retry, before jitter}
   *
   * @since 0.1
   */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /**
   * {@return the longest computed wait between two attempts, before jitter}
   *
   * @since 0.1
   */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /**
   * {@return the longest {@code Retry-After} honoured; a registry asking for more gets no retry}
   *
   * @since 0.1
   */
  public Duration maxRetryAfter() {
    return maxRetryAfter;
  }

  /**
   * {@return how the computed wait is randomised}
   *
   * @since 0.1
   */
  public Jitter jitter() {
    return jitter;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RetryPolicy p && maxAttempts == p.maxAttempts
        && initialBackoff.equals(p.initialBackoff) && maxBackoff.equals(p.maxBackoff)
        && maxRetryAfter.equals(p.maxRetryAfter) && jitter == p.jitter;
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxAttempts, initialBackoff, maxBackoff, maxRetryAfter, jitter);
  }

  @Override
  public String toString() {
    return "RetryPolicy[maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff
        + ", maxBackoff=" + maxBackoff + ", maxRetryAfter=" + maxRetryAfter + ", jitter=" + jitter + "]";
  }

  /**
   * Builds a {@link RetryPolicy}.
   *
   * <p>Thread-safety: not thread-safe; use one builder from one thread.
   *
   * @since 0.1
   */
  public static final class Builder {
    private int maxAttempts = 5;
    private Duration initialBackoff = Duration.ofMillis(200);
    private Duration maxBackoff = Duration.ofSeconds(10);
    private Duration maxRetryAfter = Duration.ofSeconds(60);
    private Jitter jitter = Jitter.EQUAL;

    private Builder() {}

    /**
     * Sets how many times a request is sent at most, the first one included.
     *
     * @param attempts at least 1; 1 disables retries
     * @return this builder
     * @throws IllegalArgumentException if {@code attempts} is less than 1
     * @since 0.1
     */
    public Builder maxAttempts(int attempts) {
      if (attempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1, was " + attempts);
      }
      this.maxAttempts = attempts;
      return this;
    }

    /**
     * Sets the wait before the first retry; each further retry doubles it.
     *
     * @param backoff zero or more
     * @return this builder
     * @throws IllegalArgumentException if {@code backoff} is negative
     * @since 0.1
     */
    public Builder initialBackoff(Duration backoff) {
      this.initialBackoff = nonNegative(backoff, "initialBackoff");
      return this;
    }

    /**
     * Sets the longest computed wait between two attempts.
     *
     * @param backoff zero or more
     * @return this builder
     * @throws IllegalArgumentException if {@code backoff} is negative
     * @since 0.1
     */
    public Builder maxBackoff(Duration backoff) {
      this.maxBackoff = nonNegative(backoff, "maxBackoff");
      return this;
    }

    /**
     * Sets the longest {@code Retry-After} that is waited for; when a registry asks
     * for a longer wait its response is returned at once.
     *
     * @param limit zero or more
     * @return this builder
     * @throws IllegalArgumentException if {@code limit} is negative
     * @since 0.1
     */
    public Builder maxRetryAfter(Duration limit) {
      this.maxRetryAfter = nonNegative(limit, "maxRetryAfter");
      return this;
    }

    /**
     * Sets how the computed wait is randomised.
     *
     * @param jitter the kind of jitter
     * @return this builder
     * @since 0.1
     */
    public Builder jitter(Jitter jitter) {
      this.jitter = Objects.requireNonNull(jitter, "jitter");
      return this;
    }

    /**
     * Builds the policy.
     *
     * @return the immutable policy
     * @throws IllegalStateException if the initial backoff exceeds the maximum backoff
     * @since 0.1
     */
    public RetryPolicy build() {
      if (initialBackoff.compareTo(maxBackoff) > 0) {
        throw new IllegalStateException("initialBackoff " + initialBackoff + " exceeds maxBackoff " + maxBackoff);
      }
      return new RetryPolicy(this);
    }

    private static Duration nonNegative(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative, was " + d);
      }
      return d;
    }
  }
}
