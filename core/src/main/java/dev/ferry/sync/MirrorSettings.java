package dev.ferry.sync;

import dev.ferry.copy.IndexMode;
import dev.ferry.copy.PlatformSelection;
import java.util.List;

/** Everything a {@link MirrorBuilder} collected; immutable. */
record MirrorSettings(List<RepositorySource> sources, TagFilter filter, PlatformSelection platforms,
    IndexMode indexMode, boolean referrers, int concurrency, boolean continueOnError, boolean prune,
    long minRemaining, SyncListener listener, int shardIndex, int shardCount, Pauser pauser) {

  MirrorSettings {
    sources = List.copyOf(sources);
  }

  MirrorSettings withShard(int index, int count) {
    Shards.check(index, count);
    return new MirrorSettings(sources, filter, platforms, indexMode, referrers, concurrency, continueOnError, prune,
        minRemaining, listener, index, count, pauser);
  }

  /** Waits out a rate-limit pause; tests substitute one that returns at once. */
  interface Pauser {
    Pauser SLEEP = duration -> Thread.sleep(duration.toMillis());

    void pause(java.time.Duration duration) throws InterruptedException;
  }
}
