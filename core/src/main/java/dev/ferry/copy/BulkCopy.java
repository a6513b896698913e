package dev.ferry.copy;

import dev.ferry.FerryException;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Copies many images at once (a migration: images found in Dockerfiles and
 * Kubernetes manifests, mirrored into a private registry and re-run on a
 * schedule). Images copy concurrently; a failure is reported for its image and
 * the others go on; an image already at the destination costs HEAD requests only.
 *
 * <pre>{@code
 * BulkResult report = BulkCopy.toPrefix(sources, "us-docker.pkg.dev/proj/mirror")
 *     .concurrency(4)
 *     .configure(op -> op.indexMode(IndexMode.PRESERVE_ORIGINAL))
 *     .execute(client);
 * report.entries().forEach(System.out::println);      // COPIED / UP_TO_DATE / FAILED ... with reasons
 * }</pre>
 *
 * <p>Thread-safety: immutable; execute it any number of times.
 *
 * @since 0.1
 */
public final class BulkCopy {
  /**
   * Default number of images copied at once.
   *
   * @since 0.1
   */
  public static final int DEFAULT_CONCURRENCY = 4;

  private final @Nullable List<ImageReference> sources;
  private final @Nullable ImageReference tagsOf;
  private final Function<ImageReference, ImageReference> destinationFor;
  private final UnaryOperator<CopyOperation> configure;
  private final int concurrency;
  private final boolean continueOnError;

  private BulkCopy(@Nullable List<ImageReference> sources, @Nullable ImageReference tagsOf,
      Function<ImageReference, ImageReference> destinationFor, UnaryOperator<CopyOperation> configure,
      int concurrency, boolean continueOnError) {
    this.sources = sources == null ? null : List.copyOf(sources);
    this.tagsOf = tagsOf;
    this.destinationFor = destinationFor;
    this.configure = configure;
    this.concurrency = concurrency;
    this.continueOnError = continueOnError;
  }

  /**
   * Copies each source to the destination a function names.
   *
   * @param sources the images to copy
   * @param destinationFor maps each source to its destination
   * @return the bulk copy
   * @since 0.1
   */
  public static BulkCopy of(List<ImageReference> sources, Function<ImageReference, ImageReference> destinationFor) {
    Objects.requireNonNull(sources, "sources");
    sources.forEach(s -> Objects.requireNonNull(s, "source"));
    return new BulkCopy(sources, null, Objects.requireNonNull(destinationFor, "destinationFor"), op -> op,
        DEFAULT_CONCURRENCY, true);
  }

  /**
   * Copies each source under a destination prefix, keeping its repository path and
   * tag or digest: {@code nginx:1.27} with prefix {@code us-docker.pkg.dev/proj/mirror}
   * goes to {@code us-docker.pkg.dev/proj/mirror/library/nginx:1.27}.
   *
   * @param sources the images to copy
   * @param prefix {@code registry[/path]}
   * @return the bulk copy
   * @throws dev.ferry.reference.InvalidReferenceException if the prefix is not a valid registry and path
   * @throws DestinationConflictException if two different sources would land on the same destination tag,
   *     e.g. {@code a.io/src/app:2} and {@code b.io/src/app:2}
   * @since 0.1
   */
  public static BulkCopy toPrefix(List<ImageReference> sources, String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    String trimmed = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    int slash = trimmed.indexOf('/');
    String registry = slash < 0 ? trimmed : trimmed.substring(0, slash);
    String path = slash < 0 ? "" : trimmed.substring(slash + 1) + "/";
    ImageReference.of(registry, path + "probe");
    BulkCopy bulk = of(sources, source -> source.withRegistry(registry).withRepository(path + source.repository()));
    // the sources are known: refuse a collision now rather than at execute
    refuseConflicts(bulk.plan(sources));
    return bulk;
  }

  static BulkCopy allTags(ImageReference sourceRepository, ImageReference destinationRepository,
      CopyOperation template) {
    return new BulkCopy(null, sourceRepository,
        source -> destinationRepository.withTag(source.tag().orElseThrow()),
        op -> template.withSettingsOn(op),
        DEFAULT_CONCURRENCY, true);
  }

  /** Where one source goes (for tests and reports). */
  ImageReference destinationOf(ImageReference source) {
    return destinationFor.apply(source);
  }

  /**
   * How many images copy at once; {@value #DEFAULT_CONCURRENCY} by default.
   *
   * @param images at least 1
   * @return a copy with the concurrency
   * @throws IllegalArgumentException if {@code images < 1}
   * @since 0.1
   */
  public BulkCopy concurrency(int images) {
    if (images < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1: " + images);
    }
    return new BulkCopy(sources, tagsOf, destinationFor, configure, images, continueOnError);
  }

  /**
   * Whether the other images go on after one fails (true by default); when false,
   * images not yet started are not copied after the first failure.
   *
   * @param goOn whether to continue
   * @return a copy with the choice
   * @since 0.1
   */
  public BulkCopy continueOnError(boolean goOn) {
    return new BulkCopy(sources, tagsOf, destinationFor, configure, concurrency, goOn);
  }

  /**
   * Settings for every image's copy: platforms, index mode, listener, parallelism.
   *
   * @param settings applied to each {@link CopyOperation} (its source and destination are already set)
   * @return a copy with the settings
   * @since 0.1
   */
  public BulkCopy configure(UnaryOperator<CopyOperation> settings) {
    return new BulkCopy(sources, tagsOf, destinationFor, Objects.requireNonNull(settings, "settings"), concurrency,
        continueOnError);
  }

  /**
   * Copies every image and reports each one.
   *
   * @param client the client for every registry involved
   * @return the per-image report, in source order
   * @throws dev.ferry.registry.RegistryException if the tags of an {@code allTags()} source cannot be listed
   * @throws DestinationConflictException if two different sources would land on the same destination tag;
   *     nothing is copied then
   * @since 0.1
   */
  public BulkResult execute(RegistryClient client) {
    Objects.requireNonNull(client, "client");
    long start = System.nanoTime();
    List<ImageReference> all = sources;
    if (all == null) {
      ImageReference repository = Objects.requireNonNull(tagsOf, "tagsOf"); // set whenever sources is not
      all = client.listTags(repository).stream().map(repository::withTag).toList();
    }
    List<Planned> planned = plan(all);
    refuseConflicts(planned);
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, Math.max(1, all.size())), r -> {
      Thread t = new Thread(r, "ferry-bulk");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<BulkEntry>> futures = new ArrayList<>();
      BlobLedger ledger = new BlobLedger();
      AtomicBoolean stop = new AtomicBoolean();
      for (Planned image : planned) {
        futures.add(pool.submit(() -> copyOne(client, image, stop, ledger)));
      }
      List<BulkEntry> entries = new ArrayList<>();
      for (Future<BulkEntry> f : futures) {
        entries.add(f.get());
      }
      return new BulkResult(entries, Duration.ofNanos(System.nanoTime() - start));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("the bulk copy was interrupted");
    } catch (ExecutionException e) {
      throw new IllegalStateException("a bulk copy task failed unexpectedly", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** One source and where it goes, or why it has no destination (the mapping failed for it). */
  private record Planned(ImageReference source, @Nullable ImageReference destination,
      @Nullable RuntimeException failure) {}

  private List<Planned> plan(List<ImageReference> all) {
    List<Planned> planned = new ArrayList<>();
    for (ImageReference source : all) {
      try {
        planned.add(new Planned(source, Objects.requireNonNull(destinationFor.apply(source), "destination"), null));
      } catch (RuntimeException e) {
        planned.add(new Planned(source, null, e));
      }
    }
    return planned;
  }

  /**
   * Two different sources on one destination tag would overwrite each other. Destinations by
   * digest may coincide: the same digest is the same content.
   */
  private static void refuseConflicts(List<Planned> planned) {
    Map<String, List<ImageReference>> byDestination = new LinkedHashMap<>();
    Map<String, ImageReference> destinations = new HashMap<>();
    for (Planned p : planned) {
      ImageReference destination = p.destination();
      if (destination == null || destination.digest().isPresent()) {
        continue;
      }
      String key = destination.toString();
      destinations.putIfAbsent(key, destination);
      List<ImageReference> sources = byDestination.computeIfAbsent(key, k -> new ArrayList<>());
      if (!sources.contains(p.source())) {
        sources.add(p.source());
      }
    }
    for (Map.Entry<String, List<ImageReference>> e : byDestination.entrySet()) {
      if (e.getValue().size() > 1) {
        throw new DestinationConflictException(Objects.requireNonNull(destinations.get(e.getKey())), e.getValue());
      }
    }
  }

  private BulkEntry copyOne(RegistryClient client, Planned image, AtomicBoolean stop, BlobLedger ledger) {
    ImageReference source = image.source();
    ImageReference destination = image.destination();
    if (destination == null) {
      return new BulkEntry(source, source, null, Objects.requireNonNull(image.failure()));
    }
    if (stop.get()) {
      return new BulkEntry(source, destination, null,
          new CancellationException("not started: an earlier image failed"));
    }
    try {
      CopyOperation op = configure.apply(CopyOperation.from(source)).to(destination);
      return new BulkEntry(source, destination, new CopyEngine(op, client, ledger).run(), null);
    } catch (FerryException | IllegalArgumentException | IllegalStateException e) {
      if (!continueOnError) {
        stop.set(true);
      }
      return new BulkEntry(source, destination, null, e);
    }
  }
}
