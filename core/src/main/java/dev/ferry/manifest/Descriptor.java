package dev.ferry.manifest;

import dev.ferry.reference.Digest;
import dev.ferry.reference.DigestMismatchException;
import dev.ferry.reference.InvalidDigestException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * An OCI content descriptor: what a manifest says about content it points to —
 * its media type, digest and size, and optionally download {@code urls},
 * annotations, a platform (children of an index), an artifact type and the
 * content itself embedded as {@code data}.
 *
 * <pre>{@code
 * Descriptor layer = Descriptor.of(MediaTypes.OCI_LAYER_TAR_GZIP, digest, 3_145_728);
 * Descriptor child = layer.toBuilder().platform(Platform.of("linux", "arm64")).build();
 * }</pre>
 *
 * <p>Thread-safety: immutable.
 *
 * @since 0.1
 */
public final class Descriptor {
  /**
   * Annotation buildx puts on the index entries of attestation manifests.
   *
   * @since 0.1
   */
  public static final String ANNOTATION_REFERENCE_TYPE = "vnd.docker.reference.type";
  /**
   * Annotation naming the image manifest an attestation manifest is about.
   *
   * @since 0.1
   */
  public static final String ANNOTATION_REFERENCE_DIGEST = "vnd.docker.reference.digest";
  /**
   * The value of {@link #ANNOTATION_REFERENCE_TYPE} that marks an attestation manifest.
   *
   * @since 0.1
   */
  public static final String ATTESTATION_MANIFEST = "attestation-manifest";

  private final String mediaType;
  private final Digest digest;
  private final long size;
  private final List<String> urls;
  private final SortedMap<String, String> annotations;
  private final @Nullable Platform platform;
  private final @Nullable String artifactType;
  private final byte @Nullable [] data;

  Descriptor(DescriptorBuilder b) {
    this.mediaType = Objects.requireNonNull(b.mediaType, "mediaType was not set");
    this.digest = Objects.requireNonNull(b.digest, "digest was not set");
    if (b.size < 0) {
      throw new IllegalStateException("size was not set");
    }
    this.size = b.size;
    this.urls = List.copyOf(b.urls);
    this.annotations = Collections.unmodifiableSortedMap(new TreeMap<>(b.annotations));
    this.platform = b.platform;
    this.artifactType = b.artifactType;
    this.data = b.data == null ? null : b.data.clone();
    if (data != null && (data.length != size || !digest.matches(data))) {
      throw new DigestMismatchException(digest, digest.recompute(data), size, data.length);
    }
  }

  /**
   * A descriptor with only the three required properties.
   *
   * @param mediaType the content's media type, e.g. {@link MediaTypes#OCI_LAYER_TAR_GZIP}
   * @param digest the content's digest
   * @param size the content's size in bytes
   * @return the descriptor
   * @throws IllegalArgumentException if the media type is not of the RFC 6838 form or the size is negative
   * @since 0.1
   */
  public static Descriptor of(String mediaType, Digest digest, long size) {
    return builder().mediaType(mediaType).digest(digest).size(size).build();
  }

  /**
   * A new, empty builder.
   *
   * @return a builder; media type, digest and size must be set before {@link DescriptorBuilder#build()}
   * @since 0.1
   */
  public static DescriptorBuilder builder() {
    return new DescriptorBuilder();
  }

  /**
   * A builder holding this descriptor's properties, to make a changed copy.
   *
   * @return a new builder
   * @since 0.1
   */
  public DescriptorBuilder toBuilder() {
    DescriptorBuilder b = new DescriptorBuilder();
    b.mediaType = mediaType;
    b.digest = digest;
    b.size = size;
    b.urls = urls;
    b.annotations = new TreeMap<>(annotations);
    b.platform = platform;
    b.artifactType = artifactType;
    b.data = data;
    return b;
  }

  /**
   * This descriptor with another platform.
   *
   * @param platform the platform of the content
   * @return a copy with the platform set
   * @since 0.1
   */
  public Descriptor withPlatform(Platform platform) {
    return toBuilder().platform(platform).build();
  }

  /**
   * This descriptor with other annotations, replacing all it had.
   *
   * @param annotations the new annotations; keys must not be empty
   * @return a copy with the annotations replaced
   * @throws IllegalArgumentException if a key is empty
   * @since 0.1
   */
  public Descriptor withAnnotations(Map<String, String> annotations) {
    return toBuilder().annotations(annotations).build();
  }

  /**
   * The media type of the content.
   *
   * @return the media type
   * @since 0.1
   */
  public String mediaType() {
    return mediaType;
  }

  /**
   * The digest of the content.
   *
   * @return the digest
   * @since 0.1
   */
  public Digest digest() {
    return digest;
  }

  /**
   * The size of the content in bytes.
   *
   * @return the size, never negative
   * @since 0.1
   */
  public long size() {
    return size;
  }

  /**
   * Where else the content may be downloaded from.
   *
   * @return an unmodifiable list, often empty
   * @since 0.1
   */
  public List<String> urls() {
    return urls;
  }

  /**
   * The annotations.
   *
   * @return an unmodifiable map sorted by key, often empty
   * @since 0.1
   */
  public SortedMap<String, String> annotations() {
    return annotations;
  }

  /**
   * The platform the content is for (children of an index).
   *
   * @return the platform, or empty
   * @since 0.1
   */
  public Optional<Platform> platform() {
    return Optional.ofNullable(platform);
  }

  /**
   * The artifact type of the content, for artifacts.
   *
   * @return the artifact type, or empty
   * @since 0.1
   */
  public Optional<String> artifactType() {
    return Optional.ofNullable(artifactType);
  }

  /**
   * The content embedded in the descriptor ({@code data}, base64 in JSON). It
   * was checked against the digest and size when the descriptor was made.
   *
   * @return a copy of the content, or empty
   * @since 0.1
   */
  public Optional<byte[]> data() {
    return data == null ? Optional.empty() : Optional.of(data.clone());
  }

  /**
   * Whether the content is non-distributable ("foreign"): its media type is one of
   * the OCI non-distributable layer types or Docker's foreign layer. Registries need
   * not hold such blobs (Windows base layers are the usual case); a copy keeps the
   * descriptor and skips the blob. {@code urls} alone do not make content foreign:
   * by the OCI descriptor spec they are extra places the content MAY be fetched
   * from, so a distributable layer with urls is still expected in the registry —
   * containerd and go-containerregistry decide by media type in the same way.
   *
   * @return true for non-distributable content
   * @since 0.1
   */
  public boolean isForeign() {
    return MediaTypes.isForeignLayer(mediaType);
  }

  /**
   * Whether this index entry is a buildx attestation manifest (SBOM, provenance):
   * annotation {@value #ANNOTATION_REFERENCE_TYPE} is {@value #ATTESTATION_MANIFEST}.
   * Such entries carry the platform {@code unknown/unknown}; the annotation alone decides.
   *
   * @return true for attestation manifests
   * @since 0.1
   */
  public boolean isAttestation() {
    return ATTESTATION_MANIFEST.equals(annotations.get(ANNOTATION_REFERENCE_TYPE));
  }

  /**
   * For an attestation manifest, the digest of the image manifest it is about
   * (annotation {@value #ANNOTATION_REFERENCE_DIGEST}).
   *
   * @return the attested manifest's digest; empty if this is not an attestation or the annotation is not a digest
   * @since 0.1
   */
  public Optional<Digest> attestedDigest() {
    String value = annotations.get(ANNOTATION_REFERENCE_DIGEST);
    if (!isAttestation() || value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Digest.parse(value));
    } catch (InvalidDigestException e) {
      return Optional.empty();
    }
  }

  /**
   * Equal when every property is equal, embedded data included.
   *
   * @since 0.1
   */
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Descriptor d && size == d.size && mediaType.equals(d.mediaType)
        && digest.equals(d.digest) && urls.equals(d.urls) && annotations.equals(d.annotations)
        && Objects.equals(platform, d.platform) && Objects.equals(artifactType, d.artifactType)
        && Arrays.equals(data, d.data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(mediaType, digest, size, platform);
  }

  /**
   * A short form: {@code mediaType digest size [platform]}.
   *
   * @since 0.1
   */
  @Override
  public String toString() {
    return mediaType + " " + digest + " " + size + (platform == null ? "" : " " + Platforms.describe(platform));
  }
}
