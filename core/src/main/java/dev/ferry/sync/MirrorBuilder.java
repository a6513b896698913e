package dev.ferry.sync;

import dev.ferry.copy.IndexMode;
import dev.ferry.copy.PlatformSelection;
import dev.ferry.reference.ImageReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Describes a {@link Mirror}: which repositories, which tags, how to copy them.
 *
 * <pre>{@code
 * Mirror mirror = Mirror.builder()
 *     .repository(ImageReference.parse("quay.io/org/app"), ImageReference.parse("registry.local/mirror/app"))
 *     .namespace("quay.io/org2", "registry.local/mirror")     // every repository under quay.io/org2
 *     .tags(TagFilter.semver(">=1.4.0").newest(10))
 *     .prune(true)
 *     .build();
 * }</pre>
 *
 * <p>Thread-safety: not thread-safe; build on one thread. The {@link Mirror} it builds is immutable.
 *
 * @since 0.1
 */
public final class MirrorBuilder {
  /**
   * Default number of images copied at once.
   *
   * @since 0.1
   */
  public static final int DEFAULT_CONCURRENCY = 4;

  private final List<RepositorySource> sources = new ArrayList<>();
  private TagFilter filter = TagFilter.all();
  private PlatformSelection platforms = PlatformSelection.all();
  private @Nullable IndexMode indexMode;
  private boolean referrers;
  private int concurrency = DEFAULT_CONCURRENCY;
  private boolean continueOnError = true;
  private boolean prune;
  private long minRemaining;
  private SyncListener listener = SyncListener.NONE;
  private int shardIndex;
  private int shardCount = 1;
  private Sleeper sleeper = Sleeper.system();
  private @Nullable SyncState state;

  MirrorBuilder() {}

  /**
   * Mirrors one source repository into one destination repository (tags and digests
   * of the references are ignored).
   *
   * @param source e.g. {@code quay.io/org/app}
   * @param destination e.g. {@code registry.local/mirror/app}
   * @return this builder
   * @since 0.1
   */
  public MirrorBuilder repository(ImageReference source, ImageReference destination) {
    sources.add(new RepositorySource.Pair(new RepositoryPair(Objects.requireNonNull(source, "source"),
        Objects.requireNonNull(destination, "destination"))));
    return this;
  }

  /**
   * Mirrors the listed source repositories, each to the repository a function names.
   *
   * @param repositories the source repositories
   * @param mapping source repository to destination repository
   * @return this builder
   * @since 0.1
   */
  public MirrorBuilder repositories(List<ImageReference> repositories,
      Function<ImageReference, ImageReference> mapping) {
    Objects.requireNonNull(repositories, "repositories").forEach(r -> Objects.requireNonNull(r, "repository"));
    sources.add(new RepositorySource.Listed(repositories, Objects.requireNonNull(mapping, "mapping")));
    return this;
  }

  /**
   * Mirrors the listed source repositories under a destination prefix, keeping their
   * paths: {@code quay.io/org/app} with {@code registry.local/mirror} goes to
   * {@code registry.local/mirror/org/app}.
   *
   * @param repositories the source repositories
   * @param destinationPrefix {@code registry[/path]}
   * @return this builder
   * @throws dev.ferry.reference.InvalidReferenceException if the prefix is not a registry and path
   * @since 0.1
   */
  public MirrorBuilder repositories(List<ImageReference> repositories, String destinationPrefix) {
    return repositories(repositories, RepositorySource.underPrefix("", Objects.requireNonNull(destinationPrefix,
        "destinationPrefix")));
  }

  /**
   * Mirrors every repository of a registry, or of one namespace of it, found through
   * the registry's {@code /v2/_catalog}, under a destination prefix: with
   * {@code quay.io/org} and {@code registry.local/mirror}, {@code quay.io/org/app} goes to
   * {@code registry.local/mirror/app}. Many public registries refuse the catalog: then
   * name the repositories with {@link #repositories(List, String)}.
   *
   * @param registryAndNamespace {@code registry} or {@code registry/namespace}
   * @param destinationPrefix {@code registry[/path]}
   * @return this builder
   * @throws dev.ferry.reference.InvalidReferenceException if either is not a registry and path
   * @since 0.1
   */
  public MirrorBuilder namespace(String registryAndNamespace, String destinationPrefix) {
    Objects.requireNonNull(registryAndNamespace, "registryAndNamespace");
    Objects.requireNonNull(destinationPrefix, "destinationPrefix");
    return namespace(registryAndNamespace, RepositorySource.underPrefix(split(registryAndNamespace)[1],
        destinationPrefix));
  }

  /**
   * Mirrors every repository of a registry or namespace (through {@code /v2/_catalog}),
   * each to the repository a function names.
   *
   * @param registryAndNamespace {@code registry} or {@code registry/namespace}
   * @param mapping source repository to destination repository
   * @return this builder
   * @throws dev.ferry.reference.InvalidReferenceException if the first is not a registry and path
   * @since 0.1
   */
  public MirrorBuilder namespace(String registryAndNamespace, Function<ImageReference, ImageReference> mapping) {
    String[] parts = split(Objects.requireNonNull(registryAndNamespace, "registryAndNamespace"));
    sources.add(new RepositorySource.Catalog(parts[0], parts[1], Objects.requireNonNull(mapping, "mapping")));
    return this;
  }

  private static String[] split(String registryAndNamespace) {
    String trimmed = registryAndNamespace.endsWith("/")
        ? registryAndNamespace.substring(0, registryAndNamespace.length() - 1) : registryAndNamespace;
    int slash = trimmed.indexOf('/');
    String registry = slash < 0 ? trimmed : trimmed.substring(0, slash);
    String namespace = slash < 0 ? "" : trimmed.substring(slash + 1);
    ImageReference.of(registry, namespace.isEmpty() ? "probe" : namespace);
    return new String[] {registry, namespace};
  }

  /**
   * Which tags to mirror; {@link TagFilter#all()} by default.
   *
   * @param tags the filter
   * @return this builder
   * @since 0.1
   */
  public MirrorBuilder tags(TagFilter tags) {
    this.filter = Objects.requireNonNull(tags, "tags");
    return this;
  }

  /**
   * Which platforms of an index to copy; all by default. A partial selection without an
   * {@link #indexMode(IndexMode)} copies a new index of those platforms ({@link IndexMode#FILTERED}).
   *
   * @param selection the platforms
   * @return this builder
   * @since 0.1
   */
  public MirrorBuilder platforms(PlatformSelection selection) {
    this.platforms = Objects.requireNonNull(selection, "selection");
    return this;
  }

  /**
   * What to do with an index: {@link IndexMode#PRESERVE_ORIGINAL} (OpenShift's
   * {@code PreserveOriginal}; the default with all platforms), {@link IndexMode#FILTERED}
   * (the default with a partial selection) or {@link IndexMode#SINGLE_PLATFORM} ({@code Legacy}).
   *
   * @param mode the mode
   * @return this builder
   * @since 0.1
   */
  public MirrorBuilder indexMode(IndexMode mode) {
    this.indexMode = Objects.requireNonNull(mode, "mode");
    return this;
  }

  /**
   * Also copies each image's signatures, SBOMs and attestations (OCI referrers and cosign tags).
   *
   * @param include whether to; false by default
   * @return this builder
   * @since 0.1
   */
  public MirrorBuilder referrers(boolean include) {
    this.referrers = include;
    return this;
  }

  /**
   * How many images copy at once; {@value #DEFAULT_CONCURRENCY} by default.
   *
   * @param images at least 1
   * @return this builder
   * @throws IllegalArgumentException if {@code images < 1}
   * @since 0.1
   */
  public MirrorBuilder concurrency(int images) {
    if (images < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1: " + images);
    }
    this.concurrency = images;
    return this;
  }

  /**
   * Whether the other tags go on after one fails; true by default (one bad tag never
   * stops the rest). When false, tags not yet started are reported failed and nothing is pruned.
   *
   * @param goOn whether to continue
   * @return this builder
   * @since 0.1
   */
  public MirrorBuilder continueOnError(boolean goOn) {
    this.continueOnError = goOn;
    return this;
  }

  /**
   * Deletes destination tags of a mirrored repository that the filter no longer yields;
   * false by default. A tag is never deleted when a kept tag of the repository points at
   * the same digest (registries such as {@code registry:2} delete by digest, which removes
   * every tag of it), and nothing is pruned from a repository whose source listing failed,
   * or is empty, or from which the filter picks nothing.
   *
   * @param enabled whether to prune
   * @return this builder
   * @since 0.1
   */
  public MirrorBuilder prune(boolean enabled) {
    this.prune = enabled;
    return this;
  }

  /**
   * Keeps this many requests of a source registry's rate limit unused: when the registry
   * says ({@code RateLimit-Remaining}) that fewer are left, the mirror pauses until the
   * window resets before pulling more, and says so in the report and to the listener. The
   * pause lasts what the registry said is left of the window ({@code RateLimit-Reset}, else
   * {@code Retry-After}); when it sent only Docker Hub's {@code RateLimit-Limit: 100;w=21600},
   * which does not say when the window began, a whole window ({@code w=}, the longest the
   * reset can be away); with none of these, one minute.
   * The pause is waited out by the {@link #sleeper(Sleeper) sleeper}. 0 (the default) never pauses.
   *
   * @param requests at least 0
   * @return this builder
   * @throws IllegalArgumentException if {@code requests < 0}
   * @since 0.1
   */
  public MirrorBuilder minRemaining(long requests) {
    if (requests < 0) {
      throw new IllegalArgumentException("minRemaining must be at least 0: " + requests);
    }
    this.minRemaining = requests;
    return this;
  }

  /**
   * Who hears each tag, pause and run; called from worker threads.
   *
   * @param newListener the listener
   * @return this builder
   * @since 0.1
   */
  public MirrorBuilder listener(SyncListener newListener) {
    this.listener = Objects.requireNonNull(newListener, "listener");
    return this;
  }

  /**
   * Mirrors only the share of source repositories that worker {@code index} of {@code count}
   * owns, decided by a hash of the source repository's path (SHA-256, without the registry
   * host, so workers that spell one registry differently, e.g. {@code docker.io} and
   * {@code registry-1.docker.io}, agree): stable across machines and versions, so a fleet of
   * workers (Kubernetes Indexed Job pods) splits a registry without coordination, each
   * repository owned by exactly one worker.
   *
   * @param index this worker, from 0
   * @param count how many workers
   * @return this builder
   * @throws IllegalArgumentException unless {@code 0 <= index < count}
   * @since 0.1
   */
  public MirrorBuilder shard(int index, int count) {
    Shards.check(index, count);
    this.shardIndex = index;
    this.shardCount = count;
    return this;
  }

  /**
   * Where the mirror remembers the digests its {@link IndexMode#SINGLE_PLATFORM} and
   * {@link IndexMode#FILTERED} copies of multi-platform sources write, so that a run in a
   * fresh process (a restarted service, the next pod of a CronJob) finds an up-to-date tag
   * with two HEAD requests, as a later run of the same mirror object does. Without one, the
   * mirror object remembers only for itself, and its first check of each such tag GETs the
   * source index and the chosen child manifests (which Docker Hub counts as pulls). Not
   * needed for {@link IndexMode#PRESERVE_ORIGINAL} nor for single-platform sources, whose
   * copies keep the source digest. Not used with a
   * {@link PlatformSelection#matching(java.util.function.Predicate) predicate} selection
   * (two predicates cannot be told apart, so a kept answer might belong to another one).
   *
   * <pre>{@code
   * .state(SyncState.file(Path.of("/var/lib/mirror/state")))
   * }</pre>
   *
   * @param kept the state, e.g. {@link SyncState#file(java.nio.file.Path)}
   * @return this builder
   * @since 0.1
   */
  public MirrorBuilder state(SyncState kept) {
    this.state = Objects.requireNonNull(kept, "state");
    return this;
  }

  /**
   * How the mirror waits out a {@link #minRemaining(long) rate-limit pause};
   * {@link Sleeper#system()} (the worker thread sleeps) by default.
   *
   * @param waiting the sleeper
   * @return this builder
   * @since 0.1
   */
  public MirrorBuilder sleeper(Sleeper waiting) {
    this.sleeper = Objects.requireNonNull(waiting, "sleeper");
    return this;
  }

  /**
   * Builds the mirror.
   *
   * @return the mirror
   * @throws IllegalStateException if no repository was named
   * @throws IllegalArgumentException if {@link IndexMode#PRESERVE_ORIGINAL} is asked with a partial platform selection
   * @since 0.1
   */
  public Mirror build() {
    if (sources.isEmpty()) {
      throw new IllegalStateException("name what to mirror: repository(...), repositories(...) or namespace(...)");
    }
    IndexMode mode = indexMode != null ? indexMode
        : platforms.isAll() ? IndexMode.PRESERVE_ORIGINAL : IndexMode.FILTERED;
    if (mode == IndexMode.PRESERVE_ORIGINAL && !platforms.isAll()) {
      throw new IllegalArgumentException("IndexMode.PRESERVE_ORIGINAL copies every platform of an index; to mirror "
          + platforms + ", use IndexMode.FILTERED or IndexMode.SINGLE_PLATFORM");
    }
    return new Mirror(new MirrorSettings(sources, filter, platforms, mode, referrers, concurrency, continueOnError,
        prune, minRemaining, listener, shardIndex, shardCount, sleeper, Optional.ofNullable(state)));
  }
}
