package dev.ferry.manifest;

import dev.ferry.reference.Digest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An index of manifests, usually one image per platform: an OCI image index or a
 * Docker manifest list. It picks the child for a platform as containerd does.
 *
 * <pre>{@code
 * ImageIndex index = (ImageIndex) Manifest.parse(bytes, contentType);
 * Descriptor arm = index.require(PlatformMatcher.compatible(Platform.parse("linux/arm/v7")));
 * }</pre>
 *
 * <p>Selection considers only children that have a platform and are not buildx
 * attestation manifests ({@link Descriptor#isAttestation()}).
 *
 * <p>Thread-safety: immutable.
 *
 * @since 0.1
 */
public final class ImageIndex extends ManifestBase implements Manifest {
  private final List<Descriptor> manifests;

  ImageIndex(ManifestFields fields, List<Descriptor> manifests) {
    super(fields);
    this.manifests = List.copyOf(manifests);
  }

  /**
   * The children, in document order, attestations included.
   *
   * @return an unmodifiable list, possibly empty
   * @since 0.1
   */
  public List<Descriptor> manifests() {
    return manifests;
  }

  /**
   * Whether this is a Docker manifest list rather than an OCI index.
   *
   * @return true for {@link MediaTypes#DOCKER_MANIFEST_LIST}
   * @since 0.1
   */
  public boolean isDocker() {
    return MediaTypes.DOCKER_MANIFEST_LIST.equals(fields.mediaType());
  }

  /**
   * The platforms of the runnable children: those with a platform that are not
   * attestations, in document order, each platform once.
   *
   * @return an unmodifiable list, possibly empty
   * @since 0.1
   */
  public List<Platform> platforms() {
    Set<Platform> platforms = new LinkedHashSet<>();
    for (Descriptor child : manifests) {
      if (isCandidate(child)) {
        platforms.add(child.platform().orElseThrow());
      }
    }
    return List.copyOf(platforms);
  }

  /**
   * The buildx attestation manifests (SBOM, provenance), in document order.
   *
   * @return an unmodifiable list, possibly empty
   * @since 0.1
   */
  public List<Descriptor> attestations() {
    return manifests.stream().filter(Descriptor::isAttestation).toList();
  }

  /**
   * The attestation manifests about one child, found by their
   * {@value Descriptor#ANNOTATION_REFERENCE_DIGEST} annotation.
   *
   * @param child the digest of an image manifest of this index
   * @return an unmodifiable list, possibly empty
   * @since 0.1
   */
  public List<Descriptor> attestationsFor(Digest child) {
    Objects.requireNonNull(child, "child");
    return manifests.stream().filter(d -> d.attestedDigest().filter(child::equals).isPresent()).toList();
  }

  /**
   * The best child for a platform: among the runnable children the matcher
   * accepts, the first in the matcher's order; children it ranks equal keep
   * document order. Attestations and children without a platform are never chosen.
   *
   * @param matcher which platforms are acceptable, and which is best
   * @return the chosen child, or empty when none matches
   * @since 0.1
   */
  public Optional<Descriptor> select(PlatformMatcher matcher) {
    Objects.requireNonNull(matcher, "matcher");
    @Nullable Descriptor best = null;
    for (Descriptor child : selectAll(matcher)) {
      // strictly better only, so the earliest of equally good children wins
      if (best == null || matcher.compare(child.platform().orElseThrow(), best.platform().orElseThrow()) < 0) {
        best = child;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * Every runnable child the matcher accepts, in document order.
   *
   * @param matcher which platforms are acceptable
   * @return an unmodifiable list, possibly empty
   * @since 0.1
   */
  public List<Descriptor> selectAll(PlatformMatcher matcher) {
    Objects.requireNonNull(matcher, "matcher");
    List<Descriptor> matching = new ArrayList<>();
    for (Descriptor child : manifests) {
      if (isCandidate(child) && matcher.matches(child.platform().orElseThrow())) {
        matching.add(child);
      }
    }
    return List.copyOf(matching);
  }

  /**
   * Like {@link #select(PlatformMatcher)}, but a missing platform is an error.
   *
   * @param matcher which platforms are acceptable, and which is best
   * @return the chosen child
   * @throws PlatformNotFoundException naming the matcher and listing {@link #platforms()}
   * @since 0.1
   */
  public Descriptor require(PlatformMatcher matcher) {
    return select(matcher).orElseThrow(
        () -> new PlatformNotFoundException(matcher.toString(), platforms(), digest()));
  }

  private static boolean isCandidate(Descriptor child) {
    return child.platform().isPresent() && !child.isAttestation();
  }

  @Override
  List<Descriptor> targets() {
    return manifests;
  }

  /**
   * Media type, digest, size and child count; never the content.
   *
   * @since 0.1
   */
  @Override
  public String toString() {
    return "ImageIndex{" + mediaType() + " " + digest() + " " + size() + " bytes, "
        + manifests.size() + " manifests}";
  }
}
