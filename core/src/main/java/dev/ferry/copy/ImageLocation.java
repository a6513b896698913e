package dev.ferry.copy;

import dev.ferry.internal.Texts;
import dev.ferry.reference.ImageReference;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where an image is: in a registry, or in files, for air-gapped transfer and for
 * {@code docker save} / {@code docker load}. A copy reads from any location and writes to
 * any other ({@link CopyOperation#from(ImageLocation)}, {@link CopyOperation#to(ImageLocation, ImageLocation...)}).
 *
 * <pre>{@code
 * ImageLocation hub    = ImageLocation.of(ImageReference.parse("nginx:1.27"));             // a registry
 * ImageLocation layout = ImageLocation.ociLayout(Path.of("airgap/oci"), "nginx:1.27");     // OCI image layout directory
 * ImageLocation ociTar = ImageLocation.ociArchive(Path.of("airgap/nginx.oci.tar"), "nginx:1.27");  // the same as one tar
 * ImageLocation docker = ImageLocation.dockerArchive(Path.of("nginx.tar"), "nginx:1.27");  // docker save / load format
 * CopyOperation.from(hub).to(layout).execute(client);
 * }</pre>
 *
 * <p>The formats, as skopeo, crane, containerd and Docker write them:
 * <ul>
 *   <li><b>OCI layout</b> (image-spec {@code image-layout.md}): {@code oci-layout}, {@code index.json},
 *       {@code blobs/<alg>/<hex>}. The name is the entry's {@code org.opencontainers.image.ref.name}
 *       (a tag, or a whole reference as skopeo writes it); reading also finds containerd's and
 *       Docker's entries by their full {@code io.containerd.image.name}. Writing adds to an existing
 *       layout: blobs it has are kept, an entry of the same name is replaced, others stay. Manifests
 *       are stored byte for byte, so registry to layout to registry keeps the digest.
 *   <li><b>OCI archive</b>: that layout as one tar, with no temporary directory either way.
 *       Read in place: one pass over the tar headers (seeking past the content) finds every
 *       entry, which is then read at its offset, so {@code index.json} may come before or after
 *       the blobs, as different tools write it. Written in one pass, each entry's size known
 *       from its descriptor before its content streams; an existing archive is replaced.
 *   <li><b>docker-archive</b> ({@code docker save}): read from {@code manifest.json}, or from the
 *       OCI layout Docker 25 and later also put in the archive, which keeps the digest. An archive
 *       without one holds no manifest: Ferry makes a Docker v2 schema 2 manifest, compressing
 *       uncompressed layers with gzip on the way (as skopeo does), so the digest is new
 *       ({@link CopyResult#digestChanged()} is true, and {@link CopyResult#sourceDigest()} is the
 *       image ID, the config's digest). Written with {@code manifest.json} and {@code repositories}
 *       (what {@code docker load} reads, tagging the image with the name) and the OCI layout;
 *       one platform only: a multi-platform index needs {@link IndexMode#SINGLE_PLATFORM}.
 * </ul>
 * Referrers ({@link CopyOperation#includeReferrers(boolean)}) live in a layout or OCI archive beside
 * the image: OCI 1.1 referrers as unnamed {@code index.json} entries (as oras keeps them), cosign's
 * {@code sha256-<hex>.sig}, {@code .att} and {@code .sbom} under ref names beside the image's
 * ({@code app:sha256-<hex>.sig} beside {@code app:1}); a docker-archive has no place for them.
 *
 * <p>Every blob is verified against its digest while it is read; files are written under hidden
 * temporary names and moved into place last, so a failed copy leaves no half-written layout
 * entry or archive. Bad files fail with {@link ImageLocationException}.
 *
 * <p>Thread-safety: immutable.
 *
 * @since 0.1
 */
public final class ImageLocation {
  /**
   * The kinds of location.
   *
   * @since 0.1
   */
  public enum Kind {
    /** An image in a registry. */
    REGISTRY,
    /** An OCI image layout directory. */
    OCI_LAYOUT,
    /** An OCI image layout as one tar file. */
    OCI_ARCHIVE,
    /** A {@code docker save} / {@code docker load} tar file. */
    DOCKER_ARCHIVE
  }

  private final Kind kind;
  private final @Nullable ImageReference reference;
  private final @Nullable Path path;
  private final String name;

  private ImageLocation(Kind kind, @Nullable ImageReference reference, @Nullable Path path, String name) {
    this.kind = kind;
    this.reference = reference;
    this.path = path;
    this.name = name;
  }

  /**
   * An image in a registry.
   *
   * @param reference the image, by tag or digest
   * @return the location
   * @since 0.1
   */
  public static ImageLocation of(ImageReference reference) {
    Objects.requireNonNull(reference, "reference");
    return new ImageLocation(Kind.REGISTRY, reference, null, reference.toString());
  }

  /**
   * An image in an OCI image layout directory, under a ref name.
   *
   * @param dir the layout directory; written into (created when missing) or read from
   * @param name the ref name: a tag such as {@code 1.27} or a reference such as {@code nginx:1.27}
   * @return the location
   * @throws IllegalArgumentException if the name is empty or has whitespace or control characters
   * @since 0.1
   */
  public static ImageLocation ociLayout(Path dir, String name) {
    return new ImageLocation(Kind.OCI_LAYOUT, null, Objects.requireNonNull(dir, "dir"), checkedName(name));
  }

  /**
   * An image in an OCI archive: an OCI image layout as one tar file.
   *
   * @param tar the archive file
   * @param name the ref name: a tag such as {@code 1.27} or a reference such as {@code nginx:1.27}
   * @return the location
   * @throws IllegalArgumentException if the name is empty or has whitespace or control characters
   * @since 0.1
   */
  public static ImageLocation ociArchive(Path tar, String name) {
    return new ImageLocation(Kind.OCI_ARCHIVE, null, Objects.requireNonNull(tar, "tar"), checkedName(name));
  }

  /**
   * An image in a docker-archive ({@code docker save} output, {@code docker load} input).
   *
   * @param tar the archive file
   * @param reference the name the archive tags the image with, e.g. {@code nginx:1.27}
   * @return the location
   * @throws dev.ferry.reference.InvalidReferenceException if {@code reference} is not an image reference
   * @since 0.1
   */
  public static ImageLocation dockerArchive(Path tar, String reference) {
    ImageReference.parse(Objects.requireNonNull(reference, "reference"));
    return new ImageLocation(Kind.DOCKER_ARCHIVE, null, Objects.requireNonNull(tar, "tar"), reference);
  }

  private static String checkedName(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty() || !name.chars().allMatch(c -> c > ' ' && c != 0x7f)) {
      throw new IllegalArgumentException("an image name in a layout or archive must be non-empty, without"
          + " whitespace or control characters: " + Texts.quote(name));
    }
    return name;
  }

  /**
   * {@return the kind of location}
   *
   * @since 0.1
   */
  public Kind kind() {
    return kind;
  }

  /**
   * {@return the registry image, for {@link Kind#REGISTRY}}
   *
   * @since 0.1
   */
  public Optional<ImageReference> reference() {
    return Optional.ofNullable(reference);
  }

  /**
   * {@return the directory or archive file, for the other kinds}
   *
   * @since 0.1
   */
  public Optional<Path> path() {
    return Optional.ofNullable(path);
  }

  /**
   * {@return the name of the image in its layout or archive, or the registry reference as text}
   *
   * @since 0.1
   */
  public String name() {
    return name;
  }

  /**
   * {@return whether this is an image in a registry}
   *
   * @since 0.1
   */
  public boolean isRegistry() {
    return kind == Kind.REGISTRY;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ImageLocation other && kind == other.kind && Objects.equals(reference, other.reference)
        && Objects.equals(path, other.path) && name.equals(other.name);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, reference, path, name);
  }

  /**
   * {@return the location as skopeo names it: {@code docker://REF}, {@code oci:DIR:NAME}, {@code oci-archive:FILE:NAME}, {@code docker-archive:FILE:NAME}}
   *
   * @since 0.1
   */
  @Override
  public String toString() {
    return switch (kind) {
      case REGISTRY -> "docker://" + reference;
      case OCI_LAYOUT -> "oci:" + path + ":" + name;
      case OCI_ARCHIVE -> "oci-archive:" + path + ":" + name;
      case DOCKER_ARCHIVE -> "docker-archive:" + path + ":" + name;
    };
  }
}
