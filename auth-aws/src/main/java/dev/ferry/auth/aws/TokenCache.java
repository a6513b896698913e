package dev.ferry.auth.aws;

import dev.ferry.auth.Credential;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * ECR tokens by registry, refreshed ahead of their expiry. Callers of one registry share one
 * fetch: the first fetches while the others wait for its answer. A refresh that fails while the
 * current token is still valid keeps that token, reports the failure, and is not tried again for
 * a pause, so a copy in progress neither stops nor hammers AWS.
 */
final class TokenCache {
  private final Clock clock;
  private final Duration margin;
  private final Duration pauseAfterFailure;
  private final Consumer<? super EcrCredentialException> onRefreshFailure;
  private final ConcurrentMap<String, Slot> slots = new ConcurrentHashMap<>();

  TokenCache(Clock clock, Duration margin, Duration pauseAfterFailure,
      Consumer<? super EcrCredentialException> onRefreshFailure) {
    this.clock = clock;
    this.margin = margin;
    this.pauseAfterFailure = pauseAfterFailure;
    this.onRefreshFailure = onRefreshFailure;
  }

  Credential get(String key, Supplier<EcrToken> fetch) {
    return slots.computeIfAbsent(key, k -> new Slot()).get(fetch);
  }

  /** One registry's token; its lock is what makes concurrent callers wait for a single fetch. */
  private final class Slot {
    private @Nullable EcrToken token;
    private Instant refreshAt = Instant.MIN;
    private Instant nextAttempt = Instant.MIN;

    synchronized Credential get(Supplier<EcrToken> fetch) {
      Instant now = clock.instant();
      EcrToken current = token;
      if (current != null && now.isBefore(refreshAt)) {
        return current.credential();
      }
      boolean stillValid = current != null && now.isBefore(current.expiresAt());
      if (stillValid && now.isBefore(nextAttempt)) {
        return current.credential();
      }
      try {
        EcrToken fresh = fetch.get();
        token = fresh;
        refreshAt = refreshTime(fresh);
        nextAttempt = Instant.MIN;
        return fresh.credential();
      } catch (EcrCredentialException e) {
        if (!stillValid) {
          throw e;
        }
        nextAttempt = now.plus(pauseAfterFailure);
        onRefreshFailure.accept(e);
        return current.credential();
      }
    }

    /**
     * The margin before expiry, but never earlier than half the token's life: a short-lived token
     * (or a skewed clock) must not make every request fetch a new one.
     */
    private Instant refreshTime(EcrToken t) {
      Instant byMargin = t.expiresAt().minus(margin);
      Duration life = Duration.between(t.fetchedAt(), t.expiresAt());
      Instant half = life.isNegative() ? t.fetchedAt() : t.fetchedAt().plus(life.dividedBy(2));
      return byMargin.isAfter(half) ? byMargin : half;
    }
  }
}
