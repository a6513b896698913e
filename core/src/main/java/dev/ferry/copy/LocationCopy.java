package dev.ferry.copy;

import dev.ferry.FerryException;
import dev.ferry.internal.DigestWarmup;
import dev.ferry.internal.http.ThreadEvents;
import dev.ferry.internal.image.ImageSink;
import dev.ferry.internal.image.ImageSource;
import dev.ferry.manifest.Descriptor;
import dev.ferry.manifest.ImageIndex;
import dev.ferry.manifest.ImageManifest;
import dev.ferry.manifest.Manifest;
import dev.ferry.manifest.MediaTypes;
import dev.ferry.manifest.PlatformNotFoundException;
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
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Runs a copy with a file location at either end (registry to registry stays with
 * {@link CopyEngine}): the same plan per index mode, then for each destination its blobs
 * and child manifests, and the names last, once every destination has its content.
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
  private final List<ImageSink> opened = new java.util.concurrent.CopyOnWriteArrayList<>();

  LocationCopy(CopyOperation op, RegistryClient client, ImageLocation from, List<ImageLocation> to) {
    this.op = op;
    this.client = client;
    this.from = from;
    this.to = to;
  }

  CopyResult run() {
    if (to.isEmpty()) {
      throw new IllegalStateException("no destination: call to(...) before execute");
    }
    CopyPlan.checkMode(op);
    long start = System.nanoTime();
    try (Transfers transfers = new Transfers(op.executor, op.parallelism, CopyEngine.retries(op.listener));
        ImageSource source = Locations.source(from, client)) {
      running = transfers;
      if (cancelled) {
        transfers.cancel();
      }
      return ThreadEvents.with(CopyEngine.retries(op.listener), () -> copy(source, transfers, start));
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
    Manifest root = step(CopySite.sourceManifest(origin()), source::root);
    CopyPlan plan = CopyPlan.build(root, op, descriptors -> fetchAll(source, descriptors));
    List<ImageSink> sinks = opened;
    try {
      for (ImageLocation destination : to) {
        sinks.add(Locations.sink(destination, from, client));
      }
      boolean upToDate = true;
      for (ImageSink sink : sinks) {
        upToDate &= step(CopySite.check(where(sink), plan.top().digest()), sink::current)
            .equals(Optional.of(plan.top().digest()));
      }
      if (!upToDate) {
        DigestWarmup.start();
      }
      for (ImageSink sink : sinks) {
        if (!upToDate) {
          writeBlobs(source, sink, plan.blobs(op.foreignLayers), transfers);
          for (Manifest child : plan.children()) {
            writeManifest(sink, child, false);
          }
        }
        // before the names: an archive is complete once named, and new referrers come even when up to date
        if (op.referrers) {
          copyReferrers(source, sink, plan, transfers);
        }
      }
      if (!upToDate) {
        // names last: until here no destination names the new content
        transfers.checkNotCancelled();
        for (ImageSink sink : sinks) {
          step(CopySite.push(where(sink), plan.top()), () -> {
            sink.commit(plan.top());
            return null;
          });
          pushed(sink, plan.top());
        }
      }
      return result(source, sinks, plan, upToDate, start);
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

  private void writeBlobs(ImageSource source, ImageSink sink, List<Descriptor> blobs, Transfers transfers) {
    List<Transfers.Task> tasks = new ArrayList<>();
    for (Descriptor blob : blobs) {
      tasks.add(() -> step(CopySite.blob(origin(), where(sink), blob), () -> {
            writeBlob(source, sink, blob, transfers);
            return null;
          }));
    }
    if (sink.concurrentWrites()) {
      transfers.runAll(tasks);
    } else {
      tasks.forEach(Transfers.Task::run);
    }
  }

  private void writeBlob(ImageSource source, ImageSink sink, Descriptor blob, Transfers transfers) {
    transfers.checkNotCancelled();
    if (sink.hasBlob(blob)) {
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

  private void writeManifest(ImageSink sink, Manifest manifest, boolean referrer) {
    step(CopySite.push(where(sink).withoutTag().withDigest(manifest.digest()), manifest), () -> {
      if (referrer) {
        sink.writeReferrer(manifest);
      } else {
        sink.writeManifest(manifest);
      }
      return null;
    });
    pushed(sink, manifest);
  }

  private void pushed(ImageSink sink, Manifest manifest) {
    ImageReference where = sink instanceof RegistrySink registry ? registry.written(manifest)
        : Locations.reference(to.get(opened.indexOf(sink))).withoutTag().withDigest(manifest.digest());
    Listeners.safely(() -> op.listener.manifestPushed(
        new CopyEvent.ManifestPushed(where, manifest.digest(), manifest.mediaType())));
  }

  /** Manifests naming the copied digest as their subject, each copied whole: signatures name their exact bytes. */
  private void copyReferrers(ImageSource source, ImageSink sink, CopyPlan plan, Transfers transfers) {
    List<Descriptor> referrers = step(CopySite.referrers(origin(), plan.top().digest()),
        () -> source.referrers(plan.top().digest()));
    for (Descriptor d : referrers) {
      Manifest referrer = step(child(d), () -> source.manifest(d));
      List<Manifest> children = new ArrayList<>();
      List<Descriptor> blobs = new ArrayList<>();
      tree(source, referrer, children, blobs);
      writeBlobs(source, sink, blobs, transfers);
      for (Manifest child : children) {
        writeManifest(sink, child, false);
      }
      writeManifest(sink, referrer, true);
    }
  }

  private void tree(ImageSource source, Manifest manifest, List<Manifest> children, List<Descriptor> blobs) {
    if (manifest instanceof ImageManifest image) {
      image.blobs().stream().filter(b -> op.foreignLayers || !b.isForeign()).forEach(blobs::add);
      return;
    }
    for (Descriptor d : ((ImageIndex) manifest).manifests()) {
      if (MediaTypes.isManifest(d.mediaType())) {
        Manifest child = step(child(d), () -> source.manifest(d));
        tree(source, child, children, blobs);
        children.add(child);
      }
    }
  }

  private CopyResult result(ImageSource source, List<ImageSink> sinks, CopyPlan plan, boolean upToDate, long start) {
    List<ImageReference> written = new ArrayList<>();
    for (ImageSink sink : sinks) {
      if (sink instanceof RegistrySink registry) {
        written.add(registry.written(plan.top()));
      }
    }
    return new CopyResult(Locations.reference(from), source.sourceDigest(), written, plan.top().digest(),
        plan.top().mediaType(), plan.platforms(), upToDate, bytes.get(), copied.get(), skipped.get(), 0,
        Duration.ofNanos(System.nanoTime() - start));
  }

  /**
   * Runs one step; a failure becomes a {@link CopyException} naming the item. Typed input errors
   * pass through, and a bad file is reported as itself wherever it surfaced (even inside an upload).
   */
  /** What the source stands for as a reference: the registry image, or the name of the file's image. */
  private ImageReference origin() {
    return Locations.reference(from);
  }

  private CopySite child(Descriptor d) {
    return CopySite.childManifest(origin().withoutTag().withDigest(d.digest()), d.digest());
  }

  /** The destination a sink writes, as a reference: the registry target, or the name of the file's image. */
  private ImageReference where(ImageSink sink) {
    return sink instanceof RegistrySink registry ? registry.target() : Locations.reference(to.get(opened.indexOf(sink)));
  }

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
      return site.failed(origin(), failure);
    }
    return e;
  }
}
