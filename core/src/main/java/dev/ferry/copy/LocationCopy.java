package dev.ferry.copy;

import dev.ferry.FerryException;
import dev.ferry.internal.DigestWarmup;
import dev.ferry.internal.image.ArchiveSink;
import dev.ferry.internal.image.ImageSink;
import dev.ferry.internal.image.ImageSource;
import dev.ferry.internal.image.Referrers;
import dev.ferry.manifest.Descriptor;
import dev.ferry.manifest.ImageIndex;
import dev.ferry.manifest.ImageManifest;
import dev.ferry.manifest.Manifest;
import dev.ferry.manifest.MediaTypes;
import dev.ferry.manifest.PlatformNotFoundException;
import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.BlobSource;
import dev.ferry.registry.RegistryClient;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Runs a copy with a file location at either end (registry to registry stays with
 * {@link CopyEngine}): the same plan per index mode, then for each destination its blobs,
 * child manifests and referrers, and the names last, once every destination has its content.
 * Failures name the layout or archive as skopeo does ({@code oci-archive:/path/app.tar:app:1}).
 */
final class LocationCopy {
  private final CopyOperation op;
  private final RegistryClient client;
  private final ImageLocation from;
  private final List<ImageLocation> to;
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicInteger copied = new AtomicInteger();
  private final AtomicInteger skipped = new AtomicInteger();
  private volatile boolean cancelled;
  private volatile @Nullable Transfers running;
  /** The destinations' writers, in the order of {@link #to}. */
  private final List<ImageSink> sinks = new CopyOnWriteArrayList<>();

  LocationCopy(CopyOperation op, RegistryClient client, ImageLocation from, List<ImageLocation> to) {
    this.op = op;
    // every request of this copy reports its retries to the copy's listener
    this.client = client.withEventListener(CopyEngine.retries(op.listener));
    this.from = from;
    this.to = to;
  }

  CopyResult run() {
    if (to.isEmpty()) {
      throw new IllegalStateException("no destination: call to(...) before execute");
    }
    CopyPlan.checkMode(op);
    refuseReferrersOfDockerArchives();
    long start = System.nanoTime();
    try (Transfers transfers = new Transfers(op.executor, op.parallelism);
        ImageSource source = Locations.source(from, client)) {
      running = transfers;
      if (cancelled) {
        transfers.cancel();
      }
      return copy(source, transfers, start);
    }
  }

  /** Before anything is opened: a docker-archive has no place for referrers, so asking for them is refused. */
  private void refuseReferrersOfDockerArchives() {
    if (op.referrers) {
      Stream.concat(Stream.of(from), to.stream()).filter(l -> l.kind() == ImageLocation.Kind.DOCKER_ARCHIVE)
          .findFirst().ifPresent(l -> {
            throw ArchiveSink.noReferrers(l.path().orElseThrow());
          });
    }
  }

  /** Runs in the background; cancelling stops the transfers and interrupts the copy, so no name is written after. */
  static CompletableFuture<CopyResult> async(LocationCopy copy) {
    return CopyEngine.inBackground(copy::run, copy::cancel);
  }

  private void cancel() {
    cancelled = true;
    Transfers transfers = running;
    if (transfers != null) {
      transfers.cancel();
    }
  }

  private CopyResult copy(ImageSource source, Transfers transfers, long start) {
    Manifest root = step(sourceSite(), source::root);
    CopyPlan plan = CopyPlan.build(root, op, descriptors -> fetchAll(source, descriptors));
    try {
      for (ImageLocation destination : to) {
        sinks.add(Locations.sink(destination, from, client));
      }
      boolean upToDate = true;
      for (int i = 0; i < sinks.size(); i++) {
        upToDate &= step(nameSite(i, plan.top(), true), sinks.get(i)::current)
            .equals(Optional.of(plan.top().digest()));
      }
      if (!upToDate) {
        DigestWarmup.start();
      }
      List<Set<Digest>> present = upToDate ? List.of() : checkBlobs(plan, transfers);
      if (upToDate) {
        List<ImageReference> there = new ArrayList<>();
        for (int i = 0; i < sinks.size(); i++) {
          there.add(written(i, plan.top()));
        }
        Listeners.safely(() -> op.listener.upToDate(new CopyEvent.UpToDate(plan.top().digest(), there)));
      }
      Found referrers = op.referrers ? referrers(source, plan.top().digest()) : Found.NONE;
      for (int i = 0; i < sinks.size(); i++) {
        if (!upToDate) {
          Set<Digest> there = present.get(i);
          writeBlobs(source, i, plan.blobs(op.foreignLayers), transfers, blob -> there.contains(blob.digest()));
          for (Manifest child : plan.children()) {
            writeManifest(i, child);
          }
        }
        // new referrers come even when the image is up to date; an archive is complete once named
        writeBlobs(source, i, referrers.blobs(), transfers, sinks.get(i)::hasBlob);
        for (Manifest manifest : referrers.manifests()) {
          writeManifest(i, manifest);
        }
      }
      // names last: until here no destination names the new content
      transfers.checkNotCancelled();
      for (int i = 0; i < sinks.size(); i++) {
        ImageSink sink = sinks.get(i);
        if (!upToDate) {
          step(nameSite(i, plan.top(), false), () -> {
            sink.commit(plan.top(), referrers.names());
            return null;
          });
          pushed(i, plan.top());
        } else if (!referrers.names().isEmpty()) {
          step(CopySite.elsewhere(CopyException.Part.REFERRERS, plan.top().digest(), "referrers of "
              + plan.top().digest() + " to " + where(i)), () -> {
                sink.nameReferrers(referrers.names());
                return null;
              });
        }
      }
      return result(source, plan, upToDate, start);
    } finally {
      sinks.forEach(ImageSink::close);
    }
  }

  private Map<String, Manifest> fetchAll(ImageSource source, List<Descriptor> descriptors) {
    Map<String, Manifest> fetched = new LinkedHashMap<>();
    for (Descriptor d : descriptors) {
      fetched.put(d.digest().toString(), step(child(d), () -> source.manifest(d)));
    }
    return fetched;
  }

  /**
   * Asks every destination for every blob, then tells the listener the plan: what will be written
   * and what is there already (writes from or to files never mount). No blob byte has moved yet.
   */
  private List<Set<Digest>> checkBlobs(CopyPlan plan, Transfers transfers) {
    List<Descriptor> blobs = plan.blobs(op.foreignLayers);
    List<Set<Digest>> present = new ArrayList<>();
    int sent = 0;
    long bytes = 0;
    for (int i = 0; i < sinks.size(); i++) {
      int index = i;
      ImageSink sink = sinks.get(i);
      Set<Digest> there = ConcurrentHashMap.newKeySet();
      present.add(there);
      List<Transfers.Task> tasks = new ArrayList<>();
      for (Descriptor blob : blobs) {
        tasks.add(() -> step(blobSite(index, blob), () -> {
          transfers.checkNotCancelled();
          if (sink.hasBlob(blob)) {
            there.add(blob.digest());
          }
          return null;
        }));
      }
      run(i, transfers, tasks);
      for (Descriptor blob : blobs) {
        if (!there.contains(blob.digest())) {
          sent++;
          bytes += blob.size();
        }
      }
    }
    CopyEvent.Planned planned = new CopyEvent.Planned(sent, bytes, blobs.size() * sinks.size() - sent, 0);
    Listeners.safely(() -> op.listener.planned(planned));
    return present;
  }

  private CopySite blobSite(int sink, Descriptor blob) {
    return from.reference().map(r -> CopySite.blob(r, where(sink), blob))
        .orElseGet(() -> CopySite.blobElsewhere(Locations.label(from), where(sink), blob));
  }

  private void writeBlobs(ImageSource source, int sink, List<Descriptor> blobs, Transfers transfers,
      Predicate<Descriptor> present) {
    List<Transfers.Task> tasks = new ArrayList<>();
    for (Descriptor blob : blobs) {
      tasks.add(() -> step(blobSite(sink, blob), () -> {
        writeBlob(source, sinks.get(sink), blob, transfers, present);
        return null;
      }));
    }
    run(sink, transfers, tasks);
  }

  /** Runs a destination's tasks: in parallel where it takes concurrent writes, else one after another. */
  private void run(int sink, Transfers transfers, List<Transfers.Task> tasks) {
    if (sinks.get(sink).concurrentWrites()) {
      transfers.runAll(tasks);
    } else {
      tasks.forEach(Transfers.Task::run);
    }
  }

  private void writeBlob(ImageSource source, ImageSink sink, Descriptor blob, Transfers transfers,
      Predicate<Descriptor> present) {
    transfers.checkNotCancelled();
    if (present.test(blob)) {
      skipped.incrementAndGet();
      Listeners.safely(() -> op.listener.blobSkipped(new CopyEvent.BlobSkipped(blob.digest(), blob.size())));
      return;
    }
    long begin = System.nanoTime();
    Listeners.safely(() -> op.listener.blobStarted(new CopyEvent.BlobStarted(blob.digest(), blob.size())));
    BlobSource content = offset -> {
      transfers.checkNotCancelled();
      InputStream in = transfers.track(source.openBlob(blob));
      // the digest check needs every byte, so a resumed upload re-reads and discards the prefix
      in.skipNBytes(offset);
      return new ProgressStream(in, blob, offset, op.listener, () -> transfers.untrack(in));
    };
    sink.writeBlob(blob, content);
    copied.incrementAndGet();
    bytes.addAndGet(blob.size());
    Duration elapsed = Duration.ofNanos(System.nanoTime() - begin);
    Listeners.safely(() -> op.listener.blobFinished(new CopyEvent.BlobFinished(blob.digest(), blob.size(), elapsed)));
  }

  private void writeManifest(int sink, Manifest manifest) {
    CopySite site = sinks.get(sink) instanceof RegistrySink registry
        ? CopySite.push(registry.target().withoutTag().withDigest(manifest.digest()), manifest)
        : CopySite.elsewhere(CopyException.Part.MANIFEST, manifest.digest(), "manifest " + manifest.digest()
            + " to " + where(sink));
    step(site, () -> {
      sinks.get(sink).writeManifest(manifest);
      return null;
    });
    pushed(sink, manifest);
  }

  /** Events name file destinations by the reference their name spells ({@link CopyEvent} holds references). */
  private void pushed(int sink, Manifest manifest) {
    ImageReference where = sinks.get(sink) instanceof RegistrySink registry ? registry.written(manifest)
        : Locations.reference(to.get(sink)).withoutTag().withDigest(manifest.digest());
    Listeners.safely(() -> op.listener.manifestPushed(
        new CopyEvent.ManifestPushed(where, manifest.digest(), manifest.mediaType())));
  }

  /**
   * What refers to the copied digest, read once for every destination: the referrers by subject
   * and cosign's tagged manifests, each copied whole (signatures name their exact bytes).
   *
   * @param names what the destinations name with the image
   * @param blobs every blob they hold, once
   * @param manifests their manifests and the children of any index among them, deepest first
   */
  private record Found(Referrers names, List<Descriptor> blobs, List<Manifest> manifests) {
    static final Found NONE = new Found(Referrers.none(), List.of(), List.of());
  }

  private Found referrers(ImageSource source, Digest subject) {
    CopySite site = from.reference().map(r -> CopySite.referrers(r, subject))
        .orElseGet(() -> CopySite.elsewhere(CopyException.Part.REFERRERS, subject, "referrers of " + subject
            + " in " + Locations.label(from)));
    List<Descriptor> listed = step(site, () -> source.referrers(subject));
    Map<String, Descriptor> tagged = step(site, () -> source.taggedReferrers(subject));
    Map<String, Descriptor> blobs = new LinkedHashMap<>();
    Map<String, Manifest> manifests = new LinkedHashMap<>();
    List<Manifest> bySubject = new ArrayList<>();
    for (Descriptor d : listed) {
      bySubject.add(whole(source, d, blobs, manifests));
    }
    Map<String, Manifest> byTag = new LinkedHashMap<>();
    tagged.forEach((tag, d) -> byTag.put(tag, whole(source, d, blobs, manifests)));
    return new Found(new Referrers(bySubject, byTag), List.copyOf(blobs.values()), List.copyOf(manifests.values()));
  }

  /** A referrer with what it holds; an index's children come before it. */
  private Manifest whole(ImageSource source, Descriptor d, Map<String, Descriptor> blobs,
      Map<String, Manifest> manifests) {
    Manifest manifest = step(child(d), () -> source.manifest(d));
    if (manifest instanceof ImageManifest image) {
      image.blobs().stream().filter(b -> op.foreignLayers || !b.isForeign())
          .forEach(b -> blobs.putIfAbsent(b.digest().toString(), b));
    } else {
      for (Descriptor c : ((ImageIndex) manifest).manifests()) {
        if (MediaTypes.isManifest(c.mediaType())) {
          whole(source, c, blobs, manifests);
        }
      }
    }
    manifests.putIfAbsent(manifest.digest().toString(), manifest);
    return manifest;
  }

  private CopyResult result(ImageSource source, CopyPlan plan, boolean upToDate, long start) {
    List<ImageReference> written = new ArrayList<>();
    List<ImageLocation> locations = new ArrayList<>();
    for (int i = 0; i < sinks.size(); i++) {
      if (sinks.get(i) instanceof RegistrySink registry) {
        written.add(registry.written(plan.top()));
        locations.add(ImageLocation.of(registry.written(plan.top())));
      } else {
        locations.add(to.get(i));
      }
    }
    return new CopyResult(Locations.reference(from), source.sourceDigest(), written, plan.top().digest(),
        plan.top().mediaType(), plan.platforms(), upToDate, bytes.get(), copied.get(), skipped.get(), 0,
        Duration.ofNanos(System.nanoTime() - start), from, locations);
  }

  private CopySite sourceSite() {
    return from.reference().map(CopySite::sourceManifest).orElseGet(() -> CopySite.elsewhere(
        CopyException.Part.MANIFEST, null, "manifest " + Locations.label(from)));
  }

  private CopySite child(Descriptor d) {
    return from.reference().map(r -> CopySite.childManifest(r.withoutTag().withDigest(d.digest()), d.digest()))
        .orElseGet(() -> CopySite.elsewhere(CopyException.Part.MANIFEST, d.digest(), "manifest " + d.digest()
            + " in " + Locations.label(from)));
  }

  /** Where destination {@code sink} holds the top manifest: a registry's tag (or digest), or the reference a file's name spells. */
  private ImageReference written(int sink, Manifest top) {
    return sinks.get(sink) instanceof RegistrySink registry ? registry.written(top) : Locations.reference(to.get(sink));
  }

  /** Checking or writing the name of destination {@code sink}: a registry tag, or a layout's or archive's name. */
  private CopySite nameSite(int sink, Manifest top, boolean check) {
    if (sinks.get(sink) instanceof RegistrySink registry) {
      return check ? CopySite.check(registry.target(), top.digest()) : CopySite.push(registry.written(top), top);
    }
    return CopySite.elsewhere(CopyException.Part.TAG, top.digest(), "manifest " + top.digest() + " to " + where(sink));
  }

  /** A destination in words: the registry target, or the layout or archive as skopeo names it. */
  private String where(int sink) {
    return sinks.get(sink) instanceof RegistrySink registry ? registry.target().toString()
        : Locations.label(to.get(sink));
  }

  /**
   * Runs one step; a failure becomes a {@link CopyException} naming the item. Typed input errors
   * pass through, and a bad file is reported as itself wherever it surfaced (even inside an upload).
   */
  private <T> T step(CopySite site, Supplier<T> step) {
    try {
      return step.get();
    } catch (CancellationException e) {
      throw e;
    } catch (RuntimeException e) {
      Transfers transfers = running;
      if (cancelled || (transfers != null && transfers.isCancelled())) {
        // closing the streams of a cancelled copy fails its reads: the cancel is what happened
        throw new CancellationException("the copy was cancelled while on " + site.item());
      }
      throw typed(site, e);
    }
  }

  private RuntimeException typed(CopySite site, RuntimeException e) {
    if (e instanceof CopyException || e instanceof PlatformNotFoundException || e instanceof ImageLocationException) {
      return e;
    }
    if (e instanceof FerryException || e instanceof UncheckedIOException) {
      for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
        if (t instanceof ImageLocationException bad) {
          return bad;
        }
      }
      FerryException failure = e instanceof FerryException f ? f : new FerryException("I/O failure: " + e.getMessage(), e);
      return site.failed(Locations.label(from), failure);
    }
    return e;
  }
}
