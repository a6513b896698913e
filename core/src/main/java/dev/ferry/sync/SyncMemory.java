package dev.ferry.sync;

import dev.ferry.reference.Digest;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one mirror object learnt in earlier runs, so that later runs do less: the digests its
 * copies wrote, when the user gave no {@link SyncState} (or one that cannot be keyed, see
 * {@link MirrorSettings#stateKey()}), and the destination tags that refused to move
 * (immutable tags), so they are reported, not pushed again each run. Bounded: refusals are
 * forgotten wholesale past {@link #MAX_ENTRIES}, which costs only one more refused push.
 */
final class SyncMemory {
  static final int MAX_ENTRIES = 100_000;

  private final SyncState written = SyncState.inMemory();
  private final Map<String, String> refused = new ConcurrentHashMap<>();

  SyncState written() {
    return written;
  }

  Optional<String> refusal(String destination, Digest there, Digest source) {
    return Optional.ofNullable(refused.get(destination + "|" + there + "|" + source));
  }

  void refused(String destination, Digest there, Digest source, String reason) {
    if (refused.size() >= MAX_ENTRIES) {
      refused.clear();
    }
    refused.put(destination + "|" + there + "|" + source, reason);
  }
}
