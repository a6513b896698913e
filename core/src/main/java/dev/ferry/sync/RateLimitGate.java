package dev.ferry.sync;

import dev.ferry.FerryException;
import dev.ferry.internal.Callbacks;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RateLimit;
import dev.ferry.registry.RegistryClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Holds pulls from a registry back while its rate limit is lower than the mirror's
 * {@code minRemaining}: waits until the window resets, then asks the registry again with a
 * HEAD (which Docker Hub does not count) before letting the pull through.
 */
final class RateLimitGate {
  /** The wait when a registry reports a low remainder but neither a reset, a Retry-After nor a window. */
  static final Duration DEFAULT_PAUSE = Duration.ofMinutes(1);
  /** Pauses in a row for one pull before it goes ahead anyway (the retry policy then honours a 429). */
  static final int MAX_PAUSES_PER_PULL = 10;

  private final RegistryClient client;
  private final long minRemaining;
  private final Sleeper sleeper;
  private final SyncListener listener;
  private final List<RateLimitPause> pauses = new CopyOnWriteArrayList<>();
  private final ConcurrentMap<String, Object> locks = new ConcurrentHashMap<>();

  RateLimitGate(RegistryClient client, long minRemaining, Sleeper sleeper, SyncListener listener) {
    this.client = client;
    this.minRemaining = minRemaining;
    this.sleeper = sleeper;
    this.listener = listener;
  }

  /** Returns when a pull from this source's registry may go ahead; the source is what a refresh HEADs. */
  void beforePull(ImageReference source) {
    if (minRemaining <= 0) {
      return;
    }
    String registry = source.registry();
    // one worker waits out the window; the others queue behind it and then see the fresh limit
    synchronized (locks.computeIfAbsent(registry, r -> new Object())) {
      for (int i = 0; i < MAX_PAUSES_PER_PULL; i++) {
        Optional<RateLimit> limit = client.rateLimit(registry);
        if (limit.isEmpty() || limit.get().remaining().isEmpty()
            || limit.get().remaining().getAsLong() >= minRemaining) {
          return;
        }
        Duration pause = pauseFor(limit.get());
        RateLimitPause event = new RateLimitPause(registry, limit.get(), pause);
        pauses.add(event);
        Callbacks.safely(() -> listener.paused(event));
        try {
          sleeper.sleep(pause);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new CancellationException("the mirror run was cancelled while pausing for " + registry);
        }
        refresh(source);
      }
    }
  }

  static Duration pauseFor(RateLimit limit) {
    return limit.reset().or(limit::retryAfter).or(limit::window).orElse(DEFAULT_PAUSE);
  }

  private void refresh(ImageReference source) {
    try {
      client.headManifest(source);
    } catch (FerryException e) {
      // the pull itself will meet the same fault and report it; the HEAD only refreshes the limit
    }
  }

  List<RateLimitPause> pauses() {
    return List.copyOf(pauses);
  }
}
