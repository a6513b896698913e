package dev.ferry.copy;

import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Copies one image between registries: blobs first, then child manifests, then
 * the index, then tags, so a failed copy leaves no tag pointing at missing
 * content. Every byte is streamed source to destination through a fixed buffer
 * and verified against its digest on the way.
 *
 * <pre>{@code
 * CopyResult result = CopyOperation.from(ImageReference.parse("nginx:1.27"))
 *     .to(ImageReference.parse("localhost:5000/mirror/nginx:1.27"))
 *     .platforms(PlatformSelection.all())
 *     .indexMode(IndexMode.PRESERVE_ORIGINAL)
 *     .listener(event -> System.out.println(event))
 *     .execute(client);
 * }</pre>
 *
 * <p>Least work: when every destination tag already holds the digest to be
 * written, the copy ends after HEAD requests; blobs the destination has are
 * skipped, blobs in another repository of the same registry are mounted, and a
 * blob shared by several platforms moves once.
 *
 * <p>Thread-safety: immutable; each method returns a new operation, and one
 * operation may be executed any number of times, concurrently.
 *
 * @since 0.1
 */
public final class CopyOperation {
  /**
   * Default number of blob transfers in flight.
   *
   * @since 0.1
   */
  public static final int DEFAULT_PARALLELISM = 8;

  final ImageReference source;
  final List<ImageReference> destinations;
  final PlatformSelection platforms;
  final IndexMode indexMode;
  final CopyListener listener;
  final int parallelism;
  final @Nullable ExecutorService executor;
  final boolean foreignLayers;
  final boolean referrers;
  /** The source as given; {@link #source} is what it stands for as a reference. */
  final ImageLocation origin;
  /** Every destination as given; {@link #destinations} holds the registry ones. */
  final List<ImageLocation> targets;

  private CopyOperation(ImageReference source, List<ImageReference> destinations, PlatformSelection platforms,
      IndexMode indexMode, CopyListener listener, int parallelism, @Nullable ExecutorService executor,
      boolean foreignLayers, boolean referrers, ImageLocation origin, List<ImageLocation> targets) {
    this.source = source;
    this.destinations = List.copyOf(destinations);
    this.platforms = platforms;
    this.indexMode = indexMode;
    this.listener = listener;
    this.parallelism = parallelism;
    this.executor = executor;
    this.foreignLayers = foreignLayers;
    this.referrers = referrers;
    this.origin = origin;
    this.targets = List.copyOf(targets);
  }

  /**
   * Starts describing a copy from a source image, by tag or digest.
   *
   * @param source the image to copy; no tag and no digest means {@code latest}
   * @return an operation with no destination yet
   * @since 0.1
   */
  public static CopyOperation from(ImageReference source) {
    return from(ImageLocation.of(Objects.requireNonNull(source, "source")));
  }

  /**
   * Starts describing a copy from an image in a registry, an OCI layout, an OCI archive or a
   * docker-archive (see {@link ImageLocation} for the formats).
   *
   * <pre>{@code
   * CopyOperation.from(ImageLocation.dockerArchive(Path.of("nginx.tar"), "nginx:1.27"))
   *     .to(ImageLocation.of(ImageReference.parse("registry.local/nginx:1.27")))
   *     .execute(client);
   * }</pre>
   *
   * @param source where the image is
   * @return an operation with no destination yet
   * @since 0.1
   */
  public static CopyOperation from(ImageLocation source) {
    Objects.requireNonNull(source, "source");
    return new CopyOperation(Locations.reference(source), List.of(), PlatformSelection.all(),
        IndexMode.PRESERVE_ORIGINAL, CopyListener.NONE, DEFAULT_PARALLELISM, null, false, false, source, List.of());
  }

  /**
   * Where to copy to. Several destinations (more tags in one repository, or other
   * repositories and registries) are all written in one operation; a destination
   * without a tag gets the source's tag, one with only a digest is written by digest.
   *
   * @param destination the first destination
   * @param more further destinations
   * @return a copy of this operation with these destinations
   * @since 0.1
   */
  public CopyOperation to(ImageReference destination, ImageReference... more) {
    List<ImageReference> all = new ArrayList<>();
    all.add(Objects.requireNonNull(destination, "destination"));
    for (ImageReference ref : more) {
      all.add(Objects.requireNonNull(ref, "destination"));
    }
    return new CopyOperation(source, all, platforms, indexMode, listener, parallelism, executor, foreignLayers,
        referrers, origin, all.stream().map(ImageLocation::of).toList());
  }

  /**
   * Where to copy to: registries, OCI layouts, OCI archives, docker-archives, in any mix. A
   * registry destination without a tag gets the source's tag; files are written under their
   * names. Every destination gets its content first and its name last.
   *
   * @param destination the first destination
   * @param more further destinations
   * @return a copy of this operation with these destinations
   * @since 0.1
   */
  public CopyOperation to(ImageLocation destination, ImageLocation... more) {
    List<ImageLocation> all = new ArrayList<>();
    all.add(Objects.requireNonNull(destination, "destination"));
    for (ImageLocation location : more) {
      all.add(Objects.requireNonNull(location, "destination"));
    }
    List<ImageReference> registries = all.stream().flatMap(l -> l.reference().stream()).toList();
    return new CopyOperation(source, registries, platforms, indexMode, listener, parallelism, executor,
        foreignLayers, referrers, origin, all);
  }

  /**
   * Which platforms of an index to take; {@link PlatformSelection#all()} by default.
   *
   * @param selection the selection
   * @return a copy of this operation with the selection
   * @since 0.1
   */
  public CopyOperation platforms(PlatformSelection selection) {
    return new CopyOperation(source, destinations, Objects.requireNonNull(selection, "selection"), indexMode,
        listener, parallelism, executor, foreignLayers, referrers, origin, targets);
  }

  /**
   * What to do with an index; {@link IndexMode#PRESERVE_ORIGINAL} by default.
   *
   * @param mode the mode
   * @return a copy of this operation with the mode
   * @since 0.1
   */
  public CopyOperation indexMode(IndexMode mode) {
    return new CopyOperation(source, destinations, platforms, Objects.requireNonNull(mode, "mode"), listener,
        parallelism, executor, foreignLayers, referrers, origin, targets);
  }

  /**
   * Who hears progress; called from worker threads.
   *
   * @param newListener the listener
   * @return a copy of this operation with the listener
   * @since 0.1
   */
  public CopyOperation listener(CopyListener newListener) {
    return new CopyOperation(source, destinations, platforms, indexMode,
        Objects.requireNonNull(newListener, "listener"), parallelism, executor, foreignLayers, referrers, origin, targets);
  }

  /**
   * Hears every event with one function, for example {@code event -> System.out.println(event)}.
   *
   * @param consumer receives each {@link CopyEvent}, from worker threads
   * @return a copy of this operation with the listener
   * @since 0.1
   */
  public CopyOperation listener(Consumer<? super CopyEvent> consumer) {
    return listener(CopyListener.of(consumer));
  }

  /**
   * How many blob and manifest transfers run at once; {@value #DEFAULT_PARALLELISM} by default.
   *
   * @param transfers at least 1
   * @return a copy of this operation with the parallelism
   * @throws IllegalArgumentException if {@code transfers < 1}
   * @since 0.1
   */
  public CopyOperation parallelism(int transfers) {
    if (transfers < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1: " + transfers);
    }
    return new CopyOperation(source, destinations, platforms, indexMode, listener, transfers, executor,
        foreignLayers, referrers, origin, targets);
  }

  /**
   * Runs transfers on this executor (shared across operations, for example in a bulk copy)
   * instead of a pool made for each copy; at most {@link #parallelism(int)} of this
   * operation's tasks run on it at once. The caller owns and shuts it down.
   *
   * @param pool the executor
   * @return a copy of this operation with the executor
   * @since 0.1
   */
  public CopyOperation executor(ExecutorService pool) {
    return new CopyOperation(source, destinations, platforms, indexMode, listener, parallelism,
        Objects.requireNonNull(pool, "executor"), foreignLayers, referrers, origin, targets);
  }

  /**
   * Also copies foreign (non-distributable) layers, for example Windows base layers; by
   * default they stay where their URLs point, as Docker and containerd leave them.
   *
   * @param include whether to copy them
   * @return a copy of this operation with the choice
   * @since 0.1
   */
  public CopyOperation includeForeignLayers(boolean include) {
    return new CopyOperation(source, destinations, platforms, indexMode, listener, parallelism, executor, include,
        referrers, origin, targets);
  }

  /**
   * Also copies what refers to the image: the manifests the OCI 1.1 referrers API
   * lists for the copied digest (signatures, SBOMs, attestations), and the tags
   * {@code sha256-<hex>} (the referrers tag fallback) and cosign's
   * {@code sha256-<hex>.sig}, {@code .att}, {@code .sbom} where the source has them.
   * An OCI layout or archive keeps them beside the image (see {@link ImageLocation}); a
   * docker-archive cannot, and a copy asking for referrers with one at either end fails with
   * {@link ImageLocationException} before anything is written.
   *
   * @param include whether to copy referrers
   * @return a copy of this operation with the choice
   * @since 0.1
   */
  public CopyOperation includeReferrers(boolean include) {
    return new CopyOperation(source, destinations, platforms, indexMode, listener, parallelism, executor,
        foreignLayers, include, origin, targets);
  }

  /**
   * Copies every tag of the source repository into the destination repository,
   * skipping tags already at the same digest; the settings of this operation apply
   * to each tag.
   *
   * @return a bulk copy over the source repository's tags
   * @throws IllegalStateException if no destination was given
   * @since 0.1
   */
  public BulkCopy allTags() {
    if (!registriesOnly()) {
      throw new IllegalStateException("allTags() copies between registries; " + origin + " -> " + targets
          + " names files");
    }
    if (destinations.isEmpty()) {
      throw new IllegalStateException("name a destination repository with to(...) before allTags()");
    }
    ImageReference target = destinations.get(0).withoutTag().withoutDigest();
    return BulkCopy.allTags(source.withoutTag().withoutDigest(), target, this);
  }

  /**
   * Copies now, on this thread (transfers run on worker threads). The first blob or
   * manifest that fails ends the copy at once: the other transfers are stopped, and no
   * manifest or tag is written after a failed blob.
   *
   * @param client the client that reads the source and writes the destinations
   * @return what was copied
   * @throws CopyException naming the blob or manifest that failed and why
   * @throws ImageLocationException if a layout or archive is missing, malformed, unsafe or corrupt,
   *     lacks the image named, or cannot hold it (an index in a docker-archive)
   * @throws dev.ferry.manifest.PlatformNotFoundException if the selection matches no platform of the index
   * @throws IllegalStateException if no destination was given, or the {@link #executor(ExecutorService)}
   *     refuses the transfers (it was shut down)
   * @throws IllegalArgumentException if {@link IndexMode#PRESERVE_ORIGINAL} is asked with a partial selection
   * @since 0.1
   */
  public CopyResult execute(RegistryClient client) {
    Objects.requireNonNull(client, "client");
    if (!registriesOnly()) {
      return new LocationCopy(this, client, origin, targets).run();
    }
    return new CopyEngine(this, client).run();
  }

  /**
   * Copies in the background. Cancelling the future (with or without interrupt)
   * returns at once: the transfers stop, their downloads are aborted rather than read
   * to the end, and no tag is written after that.
   *
   * @param client the client that reads the source and writes the destinations
   * @return the result to come
   * @since 0.1
   */
  public CompletableFuture<CopyResult> executeAsync(RegistryClient client) {
    Objects.requireNonNull(client, "client");
    if (!registriesOnly()) {
      return LocationCopy.async(new LocationCopy(this, client, origin, targets));
    }
    return CopyEngine.async(this, client);
  }

  /** Whether source and every destination are registries, which {@link CopyEngine} copies with mounts and ledgers. */
  boolean registriesOnly() {
    return origin.isRegistry() && targets.stream().allMatch(ImageLocation::isRegistry);
  }

  /** This operation's settings (not its source and destinations) applied to another operation. */
  CopyOperation withSettingsOn(CopyOperation other) {
    return new CopyOperation(other.source, other.destinations, platforms, indexMode, listener, parallelism, executor,
        foreignLayers, referrers, other.origin, other.targets);
  }

  @Override
  public String toString() {
    return "CopyOperation{" + Locations.label(origin) + " -> " + targets.stream().map(Locations::label).toList() + ", "
        + platforms + ", " + indexMode + "}";
  }
}
