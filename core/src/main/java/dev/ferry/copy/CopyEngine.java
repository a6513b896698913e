package dev.ferry.copy;

import dev.ferry.FerryException;
import dev.ferry.internal.DigestWarmup;
import dev.ferry.manifest.Descriptor;
import dev.ferry.manifest.ImageIndex;
import dev.ferry.manifest.ImageManifest;
import dev.ferry.manifest.Manifest;
import dev.ferry.manifest.PlatformNotFoundException;
import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryClient;
import dev.ferry.registry.RegistryEvent;
import dev.ferry.registry.RegistryEventListener;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Runs one {@link CopyOperation}: plan from the source manifest, stop early when
 * every destination tag already has the digest, then blobs, child manifests,
 * and the tags last.
 */
final class CopyEngine {
  private static final AtomicInteger ASYNC = new AtomicInteger();

  private final CopyOperation op;
  private final RegistryClient client;
  /** The client as given: nested copies (referrers) take it, so that their listener is not told twice. */
  private final RegistryClient given;
  private final Transfers transfers;
  private final @Nullable BlobLedger ledger;

  CopyEngine(CopyOperation op, RegistryClient client) {
    this(op, client, null);
  }

  CopyEngine(CopyOperation op, RegistryClient client, @Nullable BlobLedger ledger) {
    this.op = op;
    this.given = client;
    this.client = client.withEventListener(retries(op.listener));
    this.ledger = ledger;
    this.transfers = new Transfers(op.executor, op.parallelism);
  }

  static CompletableFuture<CopyResult> async(CopyOperation op, RegistryClient client) {
    CopyEngine engine = new CopyEngine(op, client);
    return inBackground(engine::run, engine.transfers::cancel);
  }

  /**
   * Runs a copy on a daemon thread of its own; cancelling the future calls {@code cancel} (which
   * stops the transfers) and interrupts that thread, so no tag is written after it.
   */
  static CompletableFuture<CopyResult> inBackground(java.util.function.Supplier<CopyResult> work, Runnable cancel) {
    Thread[] runner = new Thread[1];
    CompletableFuture<CopyResult> future = new CompletableFuture<>() {
      @Override
      public boolean cancel(boolean mayInterruptIfRunning) {
        cancel.run();
        if (runner[0] != null) {
          runner[0].interrupt();
        }
        return super.cancel(mayInterruptIfRunning);
      }
    };
    Thread thread = new Thread(() -> {
      try {
        future.complete(work.get());
      } catch (Throwable t) {
        future.completeExceptionally(t);
      }
    }, "ferry-copy-async-" + ASYNC.incrementAndGet());
    thread.setDaemon(true);
    runner[0] = thread;
    thread.start();
    return future;
  }


  /**
   * The copy's listener hears the retries of requests made on its behalf: the copy's client is a
   * view that reports to it ({@link RegistryClient#withEventListener}), whatever thread a request runs on.
   */
  static RegistryEventListener retries(CopyListener listener) {
    return new RegistryEventListener() {
      @Override
      public void retry(RegistryEvent.Retry e) {
        Listeners.safely(() -> listener.retry(
            new CopyEvent.Retry(e.method() + " " + e.url(), e.attempt(), e.delay(), e.reason())));
      }
    };
  }

  CopyResult run() {
    long start = System.nanoTime();
    List<ImageReference> destinations = destinations();
    CopyPlan.checkMode(op);
    try (transfers) {
      Manifest source = step(CopySite.sourceManifest(op.source), () -> client.fetchManifest(op.source));
      CopyPlan plan = CopyPlan.build(source, op, this::fetchAll);
      BlobCopier blobs = new BlobCopier(client, op.listener, transfers, ledger);
      if (upToDate(destinations, plan)) {
        List<ImageReference> there = destinations.stream().map(d -> target(d, plan)).toList();
        Listeners.safely(() -> op.listener.upToDate(new CopyEvent.UpToDate(plan.top().digest(), there)));
        copyReferrers(destinations, plan);
        return result(source, destinations, plan, true, blobs, start);
      }
      DigestWarmup.start();
      ImageReference sourceRepository = op.source.withoutTag().withoutDigest();
      List<ImageReference> repositories = repositories(destinations);
      Map<ImageReference, Set<Digest>> present = checkBlobs(blobs, sourceRepository, repositories, plan);
      for (ImageReference repository : repositories) {
        copyBlobs(blobs, sourceRepository, repository, plan, presentIn(present, repository));
        pushChildren(repository, plan);
      }
      // tags last: until here nothing at the destination names the new content
      transfers.checkNotCancelled();
      for (ImageReference destination : destinations) {
        push(target(destination, plan), plan.top());
      }
      copyReferrers(destinations, plan);
      return result(source, destinations, plan, false, blobs, start);
    }
  }

  private List<ImageReference> destinations() {
    if (op.destinations.isEmpty()) {
      throw new IllegalStateException("no destination: call to(...) before execute");
    }
    List<ImageReference> resolved = new ArrayList<>();
    for (ImageReference given : op.destinations) {
      ImageReference d = given;
      if (d.tag().isEmpty() && d.digest().isEmpty()) {
        // a bare repository takes the source's tag, or is written by digest when the source named only a digest
        d = op.source.tag().map(given::withTag)
            .orElseGet(() -> op.source.digest().isPresent() ? given : given.withDefaultTag());
      }
      resolved.add(d.digest().isPresent() && d.tag().isPresent() ? d.withoutDigest() : d);
    }
    return resolved;
  }

  private Map<String, Manifest> fetchAll(List<Descriptor> descriptors) {
    Map<String, Manifest> fetched = Collections.synchronizedMap(new LinkedHashMap<>());
    List<Transfers.Task> tasks = new ArrayList<>();
    for (Descriptor d : descriptors) {
      ImageReference ref = op.source.withoutTag().withDigest(d.digest());
      tasks.add(() -> fetched.put(d.digest().toString(),
          step(CopySite.childManifest(ref, d.digest()), () -> client.fetchManifest(ref))));
    }
    transfers.runAll(tasks);
    return fetched;
  }

  private boolean upToDate(List<ImageReference> destinations, CopyPlan plan) {
    for (ImageReference destination : destinations) {
      ImageReference target = target(destination, plan);
      Optional<Descriptor> there = step(CopySite.check(target, plan.top().digest()), () -> client.headManifest(target));
      if (there.isEmpty() || !there.get().digest().equals(plan.top().digest())) {
        return false;
      }
    }
    return true;
  }

  /** Signatures, SBOMs and attestations of the copied digest, when asked; new ones even when the image was up to date. */
  private void copyReferrers(List<ImageReference> destinations, CopyPlan plan) {
    if (op.referrers) {
      perform(CopySite.referrers(op.source, plan.top().digest()),
          () -> new ReferrerCopier(op, client, given).copy(plan.top().digest(), repositories(destinations)));
    }
  }

  /** A destination with neither tag nor digest (the source named only a digest) is written by digest. */
  private static ImageReference target(ImageReference destination, CopyPlan plan) {
    return destination.tag().isEmpty() && destination.digest().isEmpty()
        ? destination.withDigest(plan.top().digest()) : destination;
  }

  private static List<ImageReference> repositories(List<ImageReference> destinations) {
    Map<String, ImageReference> distinct = new LinkedHashMap<>();
    for (ImageReference d : destinations) {
      ImageReference repository = d.withoutTag().withoutDigest();
      distinct.putIfAbsent(repository.toString(), repository);
    }
    return List.copyOf(distinct.values());
  }

  /**
   * Asks every destination repository for every blob (HEAD, in parallel), then tells the listener
   * the plan: what will be sent, skipped and mounted. No blob byte has moved yet.
   */
  private Map<ImageReference, Set<Digest>> checkBlobs(BlobCopier copier, ImageReference source,
      List<ImageReference> repositories, CopyPlan plan) {
    List<Descriptor> all = plan.blobs(op.foreignLayers);
    Map<ImageReference, Set<Digest>> present = new LinkedHashMap<>();
    List<Transfers.Task> tasks = new ArrayList<>();
    for (ImageReference repository : repositories) {
      Set<Digest> there = ConcurrentHashMap.newKeySet();
      present.put(repository, there);
      for (Descriptor blob : all) {
        tasks.add(() -> perform(CopySite.blob(source, repository, blob), () -> {
          if (copier.present(repository, blob)) {
            there.add(blob.digest());
          }
        }));
      }
    }
    transfers.runAll(tasks);
    int sent = 0;
    long bytes = 0;
    int skipped = 0;
    int mounts = 0;
    for (ImageReference repository : repositories) {
      for (Descriptor blob : all) {
        if (presentIn(present, repository).contains(blob.digest())) {
          skipped++;
        } else if (copier.mountable(source, repository, blob)) {
          mounts++;
        } else {
          sent++;
          bytes += blob.size();
        }
      }
    }
    CopyEvent.Planned planned = new CopyEvent.Planned(sent, bytes, skipped, mounts);
    Listeners.safely(() -> op.listener.planned(planned));
    return present;
  }

  /** The blobs a checked repository holds: checkBlobs answers for every repository it was given. */
  private static Set<Digest> presentIn(Map<ImageReference, Set<Digest>> present, ImageReference repository) {
    return Objects.requireNonNull(present.get(repository), "a repository that was not checked");
  }

  private void copyBlobs(BlobCopier copier, ImageReference source, ImageReference destination, CopyPlan plan,
      Set<Digest> present) {
    List<Transfers.Task> tasks = new ArrayList<>();
    for (Descriptor blob : plan.blobs(op.foreignLayers)) {
      tasks.add(() -> perform(CopySite.blob(source, destination, blob),
          () -> copier.copy(source, destination, blob, present.contains(blob.digest()))));
    }
    transfers.runAll(tasks);
  }

  private void pushChildren(ImageReference repository, CopyPlan plan) {
    // image manifests need only blobs: push them all at once; a nested index follows its children
    List<Transfers.Task> images = new ArrayList<>();
    for (Manifest child : plan.children()) {
      if (child instanceof ImageManifest) {
        images.add(() -> push(repository.withDigest(child.digest()), child));
      }
    }
    transfers.runAll(images);
    for (Manifest child : plan.children()) {
      if (child instanceof ImageIndex) {
        push(repository.withDigest(child.digest()), child);
      }
    }
  }

  private void push(ImageReference destination, Manifest manifest) {
    transfers.checkNotCancelled();
    step(CopySite.push(destination, manifest), () -> client.pushManifest(destination, manifest));
    Listeners.safely(() -> op.listener.manifestPushed(
        new CopyEvent.ManifestPushed(destination, manifest.digest(), manifest.mediaType())));
  }

  private CopyResult result(Manifest source, List<ImageReference> destinations, CopyPlan plan, boolean upToDate,
      BlobCopier blobs, long start) {
    List<ImageReference> written = destinations.stream().map(d -> target(d, plan)).toList();
    return new CopyResult(op.source, source.digest(), written, plan.top().digest(), plan.top().mediaType(),
        plan.platforms(), upToDate, blobs.bytes.get(), blobs.copied.get(), blobs.skipped.get(), blobs.mounted.get(),
        Duration.ofNanos(System.nanoTime() - start));
  }

  private interface Step<T> {
    T run();
  }

  /** A {@link #step} done for its effect alone. */
  private void perform(CopySite site, Runnable action) {
    step(site, () -> {
      action.run();
      return Boolean.TRUE; // a step answers a value; nothing reads this one
    });
  }

  /**
   * Runs one step; a failure becomes a {@link CopyException} naming the part and where it failed (typed input
   * errors pass through; once the copy is cancelled, the failures that cancelling causes are not reported).
   */
  private <T> T step(CopySite site, Step<T> step) {
    try {
      return step.run();
    } catch (CopyException | CancellationException | PlatformNotFoundException e) {
      throw e;
    } catch (FerryException | UncheckedIOException e) {
      if (transfers.isCancelled()) {
        throw new CancellationException("the copy was cancelled while on " + site.item());
      }
      FerryException typed = e instanceof FerryException f ? f
          : new FerryException("I/O failure: " + e.getMessage(), e);
      throw site.failed(op.source, typed);
    }
  }
}
