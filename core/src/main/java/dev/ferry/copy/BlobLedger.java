package dev.ferry.copy;

import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import java.util.Optional;
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
  private final ConcurrentMap<String, ImageReference> holders = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, CompletableFuture<Void>> firstInRegistry = new ConcurrentHashMap<>();

  /** The transfer already claimed for this blob and repository, or null when the caller now owns it. */
  CompletableFuture<Void> claim(String repository, String digest, CompletableFuture<Void> mine) {
    return inFlight.putIfAbsent(repository + "@" + digest, mine);
  }

  /** Forgets a failed transfer so the next copy tries again itself. */
  void release(String repository, String digest, CompletableFuture<Void> mine) {
    inFlight.remove(repository + "@" + digest, mine);
  }

  /**
   * The transfer of this blob into another repository of the destination's registry that
   * started first, or null when the caller's ({@code mine}) is the first.
   */
  CompletableFuture<Void> claimRegistry(ImageReference repository, Digest digest, CompletableFuture<Void> mine) {
    return firstInRegistry.putIfAbsent(repository.registry() + "@" + digest, mine);
  }

  /** Forgets a failed first transfer into a registry. */
  void releaseRegistry(ImageReference repository, Digest digest, CompletableFuture<Void> mine) {
    firstInRegistry.remove(repository.registry() + "@" + digest, mine);
  }

  /** Notes that a destination repository now holds a blob, so other repositories of its registry can mount it. */
  void held(ImageReference repository, Digest digest) {
    holders.putIfAbsent(repository.registry() + "@" + digest, repository);
  }

  /**
   * Another repository of the destination's registry that this run already gave the blob:
   * mounting from it moves no bytes, where the source (another registry) cannot be mounted from.
   */
  Optional<ImageReference> holder(ImageReference destination, Digest digest) {
    ImageReference holder = holders.get(destination.registry() + "@" + digest);
    return holder == null || holder.equals(destination) ? Optional.empty() : Optional.of(holder);
  }
}
