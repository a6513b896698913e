package dev.ferry.internal.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Bearer tokens per {@link TokenKey}, replaced a margin before they expire
 * ({@link AuthOptions#marginFor}).
 *
 * <p>Single flight: when many threads need the token of one key at once (a copy
 * starting dozens of blob transfers into one repository), one of them fetches it
 * and the others wait for that fetch and share its result, token or exception.
 * A failed fetch is not cached: the next caller tries again.
 *
 * <p>Thread-safety: thread-safe; lock-free apart from waiting for a fetch in flight.
 */
final class TokenCache {
  // expired entries are swept once the map grows past this (one entry per repository and scope set)
  private static final int SWEEP_THRESHOLD = 256;

  private final Clock clock;
  private final AuthOptions options;
  private final Map<TokenKey, CompletableFuture<BearerToken>> entries = new ConcurrentHashMap<>();

  TokenCache(Clock clock, AuthOptions options) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.options = Objects.requireNonNull(options, "options");
  }

  /** The cached token of the key, if one is there and not yet due for replacement. */
  Optional<BearerToken> fresh(TokenKey key) {
    CompletableFuture<BearerToken> entry = entries.get(key);
    if (entry != null && entry.isDone() && !entry.isCompletedExceptionally()) {
      BearerToken token = entry.join();
      if (isFresh(token)) {
        return Optional.of(token);
      }
    }
    return Optional.empty();
  }

  /**
   * The fresh cached token of the key, or the one a fetch in flight brings, or one
   * fetched now by this thread with {@code fetch}.
   *
   * @throws RuntimeException whatever the fetch threw, in this thread and in every thread that waited for it
   */
  BearerToken get(TokenKey key, Supplier<BearerToken> fetch) {
    while (true) {
      CompletableFuture<BearerToken> current = entries.get(key);
      if (current == null) {
        CompletableFuture<BearerToken> mine = new CompletableFuture<>();
        if (entries.putIfAbsent(key, mine) == null) {
          return load(key, mine, fetch);
        }
      } else if (!current.isDone()) {
        return await(current);
      } else {
        if (!current.isCompletedExceptionally()) {
          BearerToken token = current.join();
          if (isFresh(token)) {
            return token;
          }
        }
        CompletableFuture<BearerToken> mine = new CompletableFuture<>();
        if (entries.replace(key, current, mine)) {
          return load(key, mine, fetch);
        }
      }
      // another thread changed the entry in between: look again
    }
  }

  /**
   * Drops the key's token if it is still the one given (the registry refused it);
   * a newer token another thread has put there meanwhile stays.
   */
  void invalidate(TokenKey key, BearerToken token) {
    CompletableFuture<BearerToken> entry = entries.get(key);
    if (entry != null && entry.isDone() && !entry.isCompletedExceptionally()
        && entry.join().value().equals(token.value())) {
      entries.remove(key, entry);
    }
  }

  int size() {
    return entries.size();
  }

  private BearerToken load(TokenKey key, CompletableFuture<BearerToken> mine, Supplier<BearerToken> fetch) {
    BearerToken token;
    try {
      token = Objects.requireNonNull(fetch.get(), "fetched token");
    } catch (RuntimeException | Error e) {
      entries.remove(key, mine);
      mine.completeExceptionally(e);
      throw e;
    }
    mine.complete(token);
    if (entries.size() > SWEEP_THRESHOLD) {
      sweepExpired();
    }
    return token;
  }

  private static BearerToken await(CompletableFuture<BearerToken> inFlight) {
    try {
      return inFlight.join();
    } catch (CompletionException e) {
      // the fetching thread's own exception, so callers see the same typed failure it did
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  private boolean isFresh(BearerToken token) {
    Instant replaceAt = token.expiresAt().minus(options.marginFor(token.lifetime()));
    return clock.instant().isBefore(replaceAt);
  }

  private void sweepExpired() {
    Instant now = clock.instant();
    entries.values().removeIf(f -> f.isDone() && !f.isCompletedExceptionally() && !now.isBefore(f.join().expiresAt()));
  }
}
