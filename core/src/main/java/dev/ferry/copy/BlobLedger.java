package dev.ferry.copy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Blobs in flight to a destination repository, shared by the copies of one bulk
 * run: when several images share a layer, the first copy moves it and the others
 * wait for that transfer instead of racing it (a registry sees two uploads of one
 * digest into one repository, and may refuse a manifest while both commit).
 */
final class BlobLedger {
  private final ConcurrentMap<String, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();

  /** The transfer already claimed for this blob and repository, or null when the caller now owns it. */
  CompletableFuture<Void> claim(String repository, String digest, CompletableFuture<Void> mine) {
    return inFlight.putIfAbsent(repository + "@" + digest, mine);
  }

  /** Forgets a failed transfer so the next copy tries again itself. */
  void release(String repository, String digest, CompletableFuture<Void> mine) {
    inFlight.remove(repository + "@" + digest, mine);
  }
}
