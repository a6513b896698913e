package dev.ferry.sync;

import dev.ferry.copy.IndexMode;
import dev.ferry.copy.PlatformSelection;
import dev.ferry.manifest.Platform;
import java.util.List;
import java.util.Optional;

/** Everything a {@link MirrorBuilder} collected; immutable. */
record MirrorSettings(List<RepositorySource> sources, TagFilter filter, PlatformSelection platforms,
    IndexMode indexMode, boolean referrers, int concurrency, boolean continueOnError, boolean prune,
    long minRemaining, SyncListener listener, int shardIndex, int shardCount, Sleeper sleeper,
    Optional<SyncState> state) {
  /** What {@link PlatformSelection#matching} calls every predicate: it cannot tell two predicates apart. */
  private static final String PREDICATE = PlatformSelection.matching(p -> true).toString();

  MirrorSettings {
    sources = List.copyOf(sources);
  }

  MirrorSettings withShard(int index, int count) {
    Shards.check(index, count);
    return new MirrorSettings(sources, filter, platforms, indexMode, referrers, concurrency, continueOnError, prune,
        minRemaining, listener, index, count, sleeper, state);
  }

  /**
   * The name of the copy settings that the digest a copy writes depends on, for a
   * {@link SyncState} that may outlive this process: the index mode and the platform
   * selection (with the host's platform when the host decides, as for {@code SINGLE_PLATFORM}
   * with every platform). Empty for a predicate selection, whose text is the same for every
   * predicate: a changed predicate must not meet the answers of the old one in a kept state.
   */
  Optional<String> stateKey() {
    if (platforms.toString().equals(PREDICATE)) {
      return Optional.empty();
    }
    String host = indexMode == IndexMode.SINGLE_PLATFORM && platforms.isAll() ? " on " + Platform.current() : "";
    return Optional.of(indexMode + " " + platforms + host);
  }
}
