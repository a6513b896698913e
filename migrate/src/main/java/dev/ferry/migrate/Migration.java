package dev.ferry.migrate;

import dev.ferry.copy.BulkCopy;
import dev.ferry.copy.BulkResult;
import dev.ferry.copy.CopyOperation;
import dev.ferry.copy.IndexMode;
import dev.ferry.copy.PlatformSelection;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryClient;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Moves a code base to another registry: copies every image its files use and rewrites the
 * references in place, the job of Google's guide for leaving third-party registries (find the
 * images, copy them under a prefix, point the manifests at the copies) without grep and sed.
 *
 * <pre>{@code
 * ImageScan scan = ImageScan.of(Path.of("repo"));
 * Migration migration = Migration.of(scan)
 *     .skip(ref -> ref.registry().endsWith("docker.pkg.dev"))   // already migrated
 *     .toPrefix("us-docker.pkg.dev/my-project/mirror")          // nginx:1.27 -> .../mirror/library/nginx:1.27
 *     .pinDigests(true);                                        // rewrite to name:tag@sha256:...
 * MigrationPlan plan = migration.plan(client);                  // dry run: HEADs only, writes nothing
 * MigrationReport done = migration.execute(client);             // copy, then rewrite; done.succeeded()
 * }</pre>
 *
 * <p>{@link #execute} copies each distinct image once (a {@link BulkCopy}: an image already at its
 * destination costs HEAD requests only), then rewrites each file whose images all copied. Only the
 * image text changes: comments, quoting, indentation, key order, line ends and the file mode stay.
 * A file using an image that failed is left untouched and the report says why. References already
 * under the prefix are skipped, so running the migration again on the rewritten tree changes nothing.
 *
 * <p>Thread-safety: immutable; plan and execute it any number of times (execute rewrites files, so
 * scan again before executing a second time).
 *
 * @since 0.1
 */
public final class Migration {
  private final ImageScan scan;
  private final Predicate<? super ImageReference> skip;
  private final @Nullable Destinations destinations;
  private final boolean pinDigests;
  private final @Nullable PlatformSelection platforms;
  private final @Nullable IndexMode indexMode;
  private final boolean referrers;
  private final int concurrency;

  private Migration(ImageScan scan, Predicate<? super ImageReference> skip, @Nullable Destinations destinations,
      boolean pinDigests, @Nullable PlatformSelection platforms, @Nullable IndexMode indexMode, boolean referrers,
      int concurrency) {
    this.scan = scan;
    this.skip = skip;
    this.destinations = destinations;
    this.pinDigests = pinDigests;
    this.platforms = platforms;
    this.indexMode = indexMode;
    this.referrers = referrers;
    this.concurrency = concurrency;
  }

  /**
   * Starts a migration of what a scan found; name the destination with {@link #toPrefix} or
   * {@link #mapping}.
   *
   * @param scan the scan
   * @return the migration
   * @since 0.1
   */
  public static Migration of(ImageScan scan) {
    return new Migration(Objects.requireNonNull(scan, "scan"), ref -> false, null, false, null, null, false,
        BulkCopy.DEFAULT_CONCURRENCY);
  }

  /**
   * Leaves images alone that match (for example those already migrated); called with each source
   * reference as written, normalised. Several calls add up: an image is skipped if any matches.
   *
   * @param predicate true for images to leave alone
   * @return a copy with the predicate
   * @since 0.1
   */
  public Migration skip(Predicate<? super ImageReference> predicate) {
    Objects.requireNonNull(predicate, "predicate");
    Predicate<? super ImageReference> before = skip;
    return new Migration(scan, ref -> before.test(ref) || predicate.test(ref), destinations, pinDigests, platforms,
        indexMode, referrers, concurrency);
  }

  /**
   * Copies each image under a prefix, keeping its repository path and tag:
   * {@code nginx:1.27} goes to {@code PREFIX/library/nginx:1.27}, {@code ghcr.io/org/app:1} to
   * {@code PREFIX/org/app:1}. References already under the prefix are skipped.
   *
   * @param prefix {@code registry[/path]}, e.g. {@code us-docker.pkg.dev/my-project/mirror}
   * @return a copy with the destination
   * @throws dev.ferry.reference.InvalidReferenceException if the prefix is no valid registry and path
   * @since 0.1
   */
  public Migration toPrefix(String prefix) {
    return toPrefix(prefix, false);
  }

  /**
   * As {@link #toPrefix(String)}, optionally with the source's registry host as the first path
   * component, so images of different registries cannot collide: {@code ghcr.io/org/app:1} goes to
   * {@code PREFIX/ghcr.io/org/app:1}, {@code nginx:1.27} to {@code PREFIX/docker.io/library/nginx:1.27}
   * (a port is written {@code host-5000}).
   *
   * @param prefix {@code registry[/path]}
   * @param keepRegistryHost whether to keep the source's registry host in the path
   * @return a copy with the destination
   * @throws dev.ferry.reference.InvalidReferenceException if the prefix is no valid registry and path
   * @since 0.1
   */
  public Migration toPrefix(String prefix, boolean keepRegistryHost) {
    return new Migration(scan, skip, Destinations.prefix(prefix, keepRegistryHost), pinDigests, platforms,
        indexMode, referrers, concurrency);
  }

  /**
   * Copies each image to the reference a function names. A function that returns the source
   * itself leaves that image alone (so it should do so for images already migrated).
   *
   * @param mapping source to destination
   * @return a copy with the destination
   * @since 0.1
   */
  public Migration mapping(Function<ImageReference, ImageReference> mapping) {
    return new Migration(scan, skip, Destinations.mapping(mapping), pinDigests, platforms, indexMode, referrers,
        concurrency);
  }

  /**
   * Whether rewritten references name the digest copied ({@code name:tag@sha256:...}), so that
   * deployments run exactly what was copied; false by default. References that already had a
   * digest get the digest written at the destination either way.
   *
   * @param pin whether to pin digests
   * @return a copy with the choice
   * @since 0.1
   */
  public Migration pinDigests(boolean pin) {
    return new Migration(scan, skip, destinations, pin, platforms, indexMode, referrers, concurrency);
  }

  /**
   * Which platforms of each index to copy ({@link CopyOperation#platforms}); all by default.
   *
   * @param selection the platforms
   * @return a copy with the selection
   * @since 0.1
   */
  public Migration platforms(PlatformSelection selection) {
    return new Migration(scan, skip, destinations, pinDigests, Objects.requireNonNull(selection, "selection"),
        indexMode, referrers, concurrency);
  }

  /**
   * How indexes are copied ({@link CopyOperation#indexMode}); {@link IndexMode#PRESERVE_ORIGINAL}
   * by default. With another mode the digest written (and pinned) is the new one.
   *
   * @param mode the index mode
   * @return a copy with the mode
   * @since 0.1
   */
  public Migration indexMode(IndexMode mode) {
    return new Migration(scan, skip, destinations, pinDigests, platforms, Objects.requireNonNull(mode, "mode"),
        referrers, concurrency);
  }

  /**
   * Whether signatures, SBOMs and other referrers are copied too ({@link CopyOperation#includeReferrers}).
   *
   * @param include whether to copy referrers
   * @return a copy with the choice
   * @since 0.1
   */
  public Migration includeReferrers(boolean include) {
    return new Migration(scan, skip, destinations, pinDigests, platforms, indexMode, include, concurrency);
  }

  /**
   * How many images copy (and, in a plan, how many HEAD requests run) at once; {@value
   * BulkCopy#DEFAULT_CONCURRENCY} by default.
   *
   * @param images at least 1
   * @return a copy with the concurrency
   * @throws IllegalArgumentException if {@code images < 1}
   * @since 0.1
   */
  public Migration concurrency(int images) {
    if (images < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1: " + images);
    }
    return new Migration(scan, skip, destinations, pinDigests, platforms, indexMode, referrers, images);
  }

  /**
   * The dry run: each distinct source image, its destination and its source digest (one HEAD
   * request per image), and every file and line that would change. Writes nothing anywhere.
   *
   * @param client the client for the source registries
   * @return the plan
   * @throws IllegalStateException if no destination was named ({@link #toPrefix}, {@link #mapping})
   * @since 0.1
   */
  public MigrationPlan plan(RegistryClient client) {
    Objects.requireNonNull(client, "client");
    return Planner.plan(scan, selection(), pinDigests, client, concurrency);
  }

  /**
   * Copies each distinct image once, then rewrites each file whose images all copied.
   *
   * @param client the client for every registry involved
   * @return the report, per image and per file
   * @throws IllegalStateException if no destination was named ({@link #toPrefix}, {@link #mapping})
   * @since 0.1
   */
  public MigrationReport execute(RegistryClient client) {
    Objects.requireNonNull(client, "client");
    Selection selection = selection();
    Map<ImageReference, ImageReference> destinationOf = new HashMap<>();
    selection.pending().forEach(p -> destinationOf.put(p.source(), p.destination()));
    BulkResult copied = BulkCopy.of(selection.pending().stream().map(Selection.Pending::source).toList(),
            destinationOf::get)
        .concurrency(concurrency)
        .configure(this::settings)
        .execute(client);
    return Execution.finish(scan, selection, copied, pinDigests);
  }

  private CopyOperation settings(CopyOperation op) {
    CopyOperation out = op.includeReferrers(referrers);
    if (platforms != null) {
      out = out.platforms(platforms);
    }
    return indexMode == null ? out : out.indexMode(indexMode);
  }

  private Selection selection() {
    if (destinations == null) {
      throw new IllegalStateException("no destination: call toPrefix(...) or mapping(...) before plan or execute");
    }
    return new Selection(scan, skip, destinations);
  }
}
