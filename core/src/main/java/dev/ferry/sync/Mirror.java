package dev.ferry.sync;

import dev.ferry.registry.RegistryClient;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps destination repositories in step with source repositories: copies the tags a
 * {@link TagFilter} picks, skips those already there (HEAD requests only), optionally
 * prunes what the filter no longer yields, once or on a schedule.
 *
 * <pre>{@code
 * Mirror mirror = Mirror.builder()
 *     .repository(ImageReference.parse("quay.io/org/app"), ImageReference.parse("registry.local/mirror/app"))
 *     .tags(TagFilter.matching("^v[0-9.]+$").and(TagFilter.semver(">=1.4.0")).newest(10))
 *     .platforms(PlatformSelection.all())
 *     .prune(false)
 *     .build();
 * SyncReport report = mirror.sync(client);
 * try (ScheduledSync running = mirror.schedule(client, Duration.ofMinutes(15))) { ... }
 * }</pre>
 *
 * <p>"Up to date" means the destination tag already holds the digest this copy would
 * write: the source's for {@code PRESERVE_ORIGINAL}, the chosen child's for
 * {@code SINGLE_PLATFORM}, the new index's for {@code FILTERED}. What an up-to-date tag
 * costs, besides one tag listing per repository (which Docker Hub does not count as a pull):
 * <ul>
 *   <li>{@code PRESERVE_ORIGINAL}, and a single-platform source in any mode: two HEAD
 *       requests, the source tag and the destination tag. Always, in a fresh process too.
 *   <li>{@code SINGLE_PLATFORM} and {@code FILTERED} with a multi-platform source: two HEAD
 *       requests once the digest that copy writes is known for that source digest: learnt by
 *       this mirror object in an earlier run, or read from the {@link SyncState} given to
 *       {@link MirrorBuilder#state(SyncState)} (e.g. a {@link SyncState#file file} kept across
 *       restarts). Otherwise (the first check in a fresh process without a state, or with a
 *       {@code matching(predicate)} selection) the check is made by the copy itself, which GETs
 *       the source index and the chosen child manifests (Docker Hub counts each GET as a pull),
 *       HEADs the destination and writes nothing; the answer is then remembered.
 * </ul>
 * A moved tag is always seen: its source HEAD gives another digest.
 *
 * <p>Thread-safety: immutable and thread-safe; runs of one mirror never overlap (a
 * second {@code sync} waits for the first).
 *
 * @since 0.1
 */
public final class Mirror {
  final MirrorSettings settings;
  private final SyncMemory memory = new SyncMemory();
  private final ReentrantLock running = new ReentrantLock();

  Mirror(MirrorSettings settings) {
    this.settings = settings;
  }

  /**
   * {@return a builder for a mirror}
   *
   * @since 0.1
   */
  public static MirrorBuilder builder() {
    return new MirrorBuilder();
  }

  /**
   * Brings every destination in step now: lists the sources, copies what is missing or
   * moved, prunes when asked. A tag that fails is reported and the others go on; only a
   * cancelled run (an interrupt) ends without a report.
   *
   * @param client the client for every registry involved
   * @return what was done, tag by tag
   * @throws CancellationException if the thread is interrupted
   * @since 0.1
   */
  public SyncReport sync(RegistryClient client) {
    return run(client, false);
  }

  /**
   * The dry run: the report {@link #sync} would give, with nothing written (only HEAD,
   * GET and list requests are made).
   *
   * @param client the client for every registry involved
   * @return what would be done, tag by tag
   * @throws CancellationException if the thread is interrupted
   * @since 0.1
   */
  public SyncReport plan(RegistryClient client) {
    return run(client, true);
  }

  /**
   * Syncs at once, then every {@code interval} (plus a little random jitter, up to a tenth
   * of it, so that many mirrors do not hit a registry in step) on one daemon thread of its
   * own, until closed. Each run's report reaches the listener's {@code runFinished}.
   *
   * @param client the client; it must stay open while the schedule runs
   * @param interval the pause between the end of one run and the start of the next
   * @return the running schedule; close it to stop
   * @throws IllegalArgumentException if the interval is not positive
   * @since 0.1
   */
  public ScheduledSync schedule(RegistryClient client, Duration interval) {
    return ScheduledSync.start(this, client, interval, null);
  }

  /**
   * Like {@link #schedule(RegistryClient, Duration)}, on the caller's executor (which the
   * caller owns and shuts down; once it is shut down, no further run is planned).
   *
   * @param client the client; it must stay open while the schedule runs
   * @param interval the pause between the end of one run and the start of the next
   * @param executor where runs happen
   * @return the running schedule; close it to stop
   * @throws IllegalArgumentException if the interval is not positive
   * @since 0.1
   */
  public ScheduledSync schedule(RegistryClient client, Duration interval, ScheduledExecutorService executor) {
    return ScheduledSync.start(this, client, interval, Objects.requireNonNull(executor, "executor"));
  }

  /**
   * This mirror restricted to the source repositories worker {@code index} of {@code count}
   * owns (see {@link MirrorBuilder#shard(int, int)}).
   *
   * @param index this worker, from 0
   * @param count how many workers
   * @return the restricted mirror
   * @throws IllegalArgumentException unless {@code 0 <= index < count}
   * @since 0.1
   */
  public Mirror shard(int index, int count) {
    return new Mirror(settings.withShard(index, count));
  }

  SyncListener listener() {
    return settings.listener();
  }

  private SyncReport run(RegistryClient client, boolean dryRun) {
    Objects.requireNonNull(client, "client");
    try {
      running.lockInterruptibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while another run of this mirror was going on");
    }
    try {
      return new MirrorRun(settings, memory, client, dryRun).run();
    } finally {
      running.unlock();
    }
  }

  @Override
  public String toString() {
    return "Mirror{" + settings.sources().size() + " source(s), " + settings.filter() + ", " + settings.indexMode()
        + (settings.prune() ? ", prune" : "") + "}";
  }
}
