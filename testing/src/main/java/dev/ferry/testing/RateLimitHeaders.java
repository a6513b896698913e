package dev.ferry.testing;

/**
 * Which headers an {@link EmbeddedRegistry} with a {@link EmbeddedRegistryBuilder#rateLimit(long, java.time.Duration)
 * rate limit} announces it in, on every manifest GET and HEAD: each registry family says
 * differently when the window resets, and a client must understand each.
 *
 * @since 0.1
 */
public enum RateLimitHeaders {
  /**
   * Docker Hub's, alone: {@code RateLimit-Limit: 100;w=21600} and
   * {@code RateLimit-Remaining: 76;w=21600}; nothing says when the window resets.
   */
  DOCKER_HUB,
  /**
   * Docker Hub's and the IETF draft's {@code RateLimit-Reset: <seconds until the window resets>}
   * (the default).
   */
  WITH_RESET,
  /**
   * Docker Hub's and, once no pull is left, {@code Retry-After: <seconds until the window resets>}.
   */
  WITH_RETRY_AFTER
}
