package dev.ferry.sync;

import dev.ferry.reference.Digest;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one mirror learnt in earlier runs, so that later runs do less: the digest a copy
 * wrote for a source digest (a filtered index or one platform differs from the source's,
 * and knowing it lets an up-to-date tag cost HEAD requests only), and the destination tags
 * that refused to move (immutable tags), so they are reported, not pushed again each run.
 * Bounded: forgotten wholesale past {@link #MAX_ENTRIES}, which costs only a re-check.
 */
final class SyncMemory {
  static final int MAX_ENTRIES = 100_000;

  private final Map<String, Digest> written = new ConcurrentHashMap<>();
  private final Map<String, String> refused = new ConcurrentHashMap<>();

  Optional<Digest> written(Digest sourceDigest) {
    return Optional.ofNullable(written.get(sourceDigest.toString()));
  }

  void wrote(Digest sourceDigest, Digest destinationDigest) {
    bound(written);
    written.put(sourceDigest.toString(), destinationDigest);
  }

  Optional<String> refusal(String destination, Digest there, Digest source) {
    return Optional.ofNullable(refused.get(destination + "|" + there + "|" + source));
  }

  void refused(String destination, Digest there, Digest source, String reason) {
    bound(refused);
    refused.put(destination + "|" + there + "|" + source, reason);
  }

  private static void bound(Map<String, ?> map) {
    if (map.size() >= MAX_ENTRIES) {
      map.clear();
    }
  }
}
