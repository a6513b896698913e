package dev.ferry.sync;

import dev.ferry.FerryException;
import dev.ferry.copy.BulkCopy;
import dev.ferry.copy.BulkEntry;
import dev.ferry.copy.BulkResult;
import dev.ferry.copy.CopyResult;
import dev.ferry.copy.IndexMode;
import dev.ferry.internal.Callbacks;
import dev.ferry.internal.Texts;
import dev.ferry.manifest.Descriptor;
import dev.ferry.manifest.MediaTypes;
import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One run of a mirror: list, check each picked tag with two HEADs, copy what differs
 * (one bulk copy, so blobs shared by several tags move once), then prune.
 */
final class MirrorRun {
  /** HEAD checks in flight at once, at least: they are cheap and dominate an up-to-date run. */
  private static final int MIN_CHECKS_IN_FLIGHT = 8;

  private final MirrorSettings settings;
  private final SyncMemory memory;
  private final RegistryClient client;
  private final boolean dryRun;
  private final List<TagSync> tags = new CopyOnWriteArrayList<>();
  private final RateLimitGate gate;
  /** Where the digests written for index sources are looked up and remembered, under {@link #stateKey}. */
  private final SyncState state;
  private final String stateKey;

  MirrorRun(MirrorSettings settings, SyncMemory memory, RegistryClient client, boolean dryRun) {
    this.settings = settings;
    this.memory = memory;
    this.client = client;
    this.dryRun = dryRun;
    this.gate = new RateLimitGate(client, settings.minRemaining(), settings.sleeper(), settings.listener());
    Optional<String> key = settings.stateKey();
    this.state = key.isPresent() ? settings.state().orElse(memory.written()) : memory.written();
    this.stateKey = key.orElse("this mirror's own platform predicate");
  }

  /** A picked tag that differs at the destination (or whose would-be digest is not known yet). */
  private record Job(ImageReference source, ImageReference destination, Descriptor sourceManifest,
      Optional<Digest> there) {}

  /** A repository whose listing succeeded, with the tags the filter picked. */
  private record Listing(RepositoryPair pair, List<String> picked) {}

  SyncReport run() {
    long start = System.nanoTime();
    List<Listing> listings = new ArrayList<>();
    for (RepositoryPair pair : pairs()) {
      list(pair).ifPresent(listings::add);
    }
    // source tag -> destination tag; a list, as one source tag may be mirrored to two places
    List<Map.Entry<ImageReference, ImageReference>> toCheck = new ArrayList<>();
    for (Listing listing : listings) {
      for (String tag : listing.picked()) {
        toCheck.add(Map.entry(listing.pair().source().withTag(tag), listing.pair().destination().withTag(tag)));
      }
    }
    List<Job> jobs = Parallel.map(toCheck, Math.max(settings.concurrency(), MIN_CHECKS_IN_FLIGHT),
        tag -> check(tag.getKey(), tag.getValue())).stream().flatMap(Optional::stream).toList();
    long bytes = dryRun ? 0 : copy(jobs);
    if (dryRun) {
      jobs.forEach(j -> record(TagSync.of(j.source(), j.destination(), TagSync.Outcome.COPIED,
          expected(j.sourceManifest()).orElse(j.sourceManifest().digest()), 0)));
    }
    boolean stopped = !settings.continueOnError() && tags.stream().anyMatch(t -> t.outcome() == TagSync.Outcome.FAILED);
    if (settings.prune() && !stopped) {
      Prune prune = new Prune(client, settings.filter(), dryRun);
      for (Listing listing : listings) {
        prune.repository(listing.pair(), listing.picked()).forEach(this::record);
      }
    }
    if (!dryRun) {
      state.save();
    }
    SyncReport report = new SyncReport(inOrder(tags), gate.pauses(), bytes, Duration.ofNanos(System.nanoTime() - start),
        dryRun);
    Callbacks.safely(() -> settings.listener().runFinished(report));
    return report;
  }

  private List<RepositoryPair> pairs() {
    Set<RepositoryPair> pairs = new LinkedHashSet<>();
    for (RepositorySource source : settings.sources()) {
      try {
        pairs.addAll(source.pairs(client));
      } catch (FerryException | IllegalArgumentException | NullPointerException e) {
        Cancellation.rethrowIfInterrupted(e);
        record(TagSync.failed(source.describe(), source.describe(), "finding the repositories failed: "
            + e.getMessage()));
      }
    }
    return pairs.stream()
        .filter(p -> settings.shardCount() == 1 || Shards.owner(p.source(), settings.shardCount())
            == settings.shardIndex())
        .toList();
  }

  /** The picked tags of one repository; a failed listing is reported and the repository skipped (and never pruned). */
  private Optional<Listing> list(RepositoryPair pair) {
    try {
      List<String> all = client.listTags(pair.source());
      return Optional.of(new Listing(pair, settings.filter().select(all)));
    } catch (FerryException e) {
      Cancellation.rethrowIfInterrupted(e);
      record(TagSync.failed(pair.source(), pair.destination(), "listing the source tags failed, so nothing of "
          + "this repository was copied or pruned: " + e.getMessage()));
      return Optional.empty();
    }
  }

  /** Two HEADs: what the source tag is, and whether the destination already holds what a copy would write. */
  private Optional<Job> check(ImageReference source, ImageReference destination) {
    try {
      Optional<Descriptor> at = client.headManifest(source);
      if (at.isEmpty()) {
        record(TagSync.failed(source, destination, "the source tag is gone (deleted after the listing)"));
        return Optional.empty();
      }
      Optional<Digest> there = client.headManifest(destination).map(Descriptor::digest);
      Optional<Digest> expected = expected(at.get());
      if (there.isPresent() && expected.isPresent() && there.get().equals(expected.get())) {
        record(TagSync.of(source, destination, TagSync.Outcome.UP_TO_DATE, there.get(), 0));
        return Optional.empty();
      }
      Optional<String> refused = there.flatMap(d -> memory.refusal(destination.toString(), d, at.get().digest()));
      if (refused.isPresent()) {
        record(TagSync.failed(source, destination, refused.get()));
        return Optional.empty();
      }
      return Optional.of(new Job(source, destination, at.get(), there));
    } catch (FerryException e) {
      Cancellation.rethrowIfInterrupted(e);
      record(TagSync.failed(source, destination, Texts.messageOf(e)));
      return Optional.empty();
    }
  }

  /** The digest a copy of this source manifest writes, when known without fetching it. */
  private Optional<Digest> expected(Descriptor sourceManifest) {
    if (settings.indexMode() == IndexMode.PRESERVE_ORIGINAL || !MediaTypes.isIndex(sourceManifest.mediaType())) {
      return Optional.of(sourceManifest.digest());
    }
    return state.written(stateKey, sourceManifest.digest());
  }

  /**
   * Copies every job, one bulk copy per source registry (so blobs shared by several tags move
   * once); returns the bytes uploaded.
   */
  private long copy(List<Job> jobs) {
    Map<String, List<Job>> byRegistry = new LinkedHashMap<>();
    for (Job job : jobs) {
      byRegistry.computeIfAbsent(job.source().registry(), r -> new ArrayList<>()).add(job);
    }
    long bytes = 0;
    for (List<Job> group : byRegistry.values()) {
      bytes += copyFrom(group);
    }
    return bytes;
  }

  /** The job of a source of this batch: the bulk copy hands back exactly the sources it was given. */
  private static Job jobOf(Map<ImageReference, Job> bySource, ImageReference source) {
    return Objects.requireNonNull(bySource.get(source), "a source outside the batch");
  }

  /** Copies jobs whose sources share one registry, each pull let through by the rate-limit gate. */
  private long copyFrom(List<Job> jobs) {
    if (jobs.isEmpty()) {
      return 0;
    }
    Map<ImageReference, Job> bySource = new LinkedHashMap<>();
    List<Job> later = new ArrayList<>();
    for (Job job : jobs) {
      // one bulk copy takes each source once; the rare source mirrored to two places goes in a second batch
      if (bySource.putIfAbsent(job.source(), job) != null) {
        later.add(job);
      }
    }
    ImageReference anyOfThem = jobs.get(0).source();
    BulkResult result = BulkCopy.of(List.copyOf(bySource.keySet()), source -> jobOf(bySource, source).destination())
        .concurrency(settings.concurrency())
        .continueOnError(settings.continueOnError())
        .configure(op -> {
          // called on the worker right before each image's copy, which pulls its manifests
          gate.beforePull(anyOfThem);
          return op.platforms(settings.platforms()).indexMode(settings.indexMode())
              .includeReferrers(settings.referrers()).listener(settings.listener().copyListener());
        })
        .execute(client);
    long bytes = 0;
    for (BulkEntry entry : result.entries()) {
      bytes += outcome(jobOf(bySource, entry.source()), entry);
    }
    return bytes + copyFrom(later);
  }

  private long outcome(Job job, BulkEntry entry) {
    if (entry.result().isPresent()) {
      CopyResult r = entry.result().get();
      if (MediaTypes.isIndex(job.sourceManifest().mediaType()) && settings.indexMode() != IndexMode.PRESERVE_ORIGINAL) {
        state.remember(stateKey, r.sourceDigest(), r.digest());
      }
      record(TagSync.of(job.source(), job.destination(), r.upToDate() ? TagSync.Outcome.UP_TO_DATE
          : TagSync.Outcome.COPIED, r.digest(), r.bytesTransferred()));
      return r.bytesTransferred();
    }
    RuntimeException failure = entry.failure().orElseThrow();
    if (failure instanceof CancellationException && Thread.currentThread().isInterrupted()) {
      throw failure;
    }
    Optional<String> immutable = ImmutableTags.reason(failure);
    if (immutable.isPresent() && job.there().isPresent()) {
      memory.refused(job.destination().toString(), job.there().get(), job.sourceManifest().digest(), immutable.get());
    }
    record(TagSync.failed(job.source(), job.destination(), immutable.orElse(String.valueOf(failure.getMessage()))));
    return 0;
  }

  private void record(TagSync tag) {
    tags.add(tag);
    Callbacks.safely(() -> settings.listener().tagSynced(tag));
  }

  /** Checks run in parallel; the report lists tags by source repository and tag, whatever finished first. */
  private static List<TagSync> inOrder(List<TagSync> all) {
    List<TagSync> copy = new ArrayList<>(all);
    copy.sort(Comparator.comparing((TagSync t) -> t.source().toString()).thenComparing(t -> t.outcome()));
    return copy;
  }
}
