package dev.ferry.manifest;

import dev.ferry.FerryLimits;
import dev.ferry.internal.Texts;
import dev.ferry.reference.Digest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Builds a new index from manifests that exist already — what {@code docker
 * manifest create} and {@code docker manifest annotate} do.
 *
 * <pre>{@code
 * ImageIndex index = IndexBuilder.oci()
 *     .add(amd64Manifest, Platform.of("linux", "amd64"))
 *     .add(armManifest, Platform.of("linux", "arm", "v7"))
 *     .annotation("org.opencontainers.image.version", "1.4.2")
 *     .build();
 * }</pre>
 *
 * <p>The bytes are deterministic: the same calls give the same bytes and digest.
 * The JSON is compact (no whitespace) UTF-8, children stay in the order they
 * were added, optional fields are left out when absent or empty, and fields are
 * written in this order:
 * <ul>
 *   <li>index: {@code schemaVersion, mediaType, artifactType, manifests, subject, annotations};
 *   <li>each child and the subject: {@code mediaType, digest, size, platform,
 *       artifactType, urls, annotations, data};
 *   <li>platform: {@code architecture, os, os.version, os.features, variant};
 *   <li>annotations: sorted by key.
 * </ul>
 *
 * <p>OCI and Docker types are never mixed: a Docker manifest list takes only
 * Docker schema 2 image manifests, each with a platform, and has no subject or
 * artifact type; an OCI index takes OCI image manifests, indexes and artifact
 * manifests but no Docker type. The same digest with the same platform twice is refused.
 *
 * <p>Thread-safety: not thread-safe; the {@link ImageIndex} it builds is immutable.
 *
 * @since 0.1
 */
public final class IndexBuilder {
  private final String mediaType;
  private final List<Descriptor> manifests = new ArrayList<>();
  private final SortedMap<String, String> annotations = new TreeMap<>();
  private @Nullable String artifactType;
  private @Nullable Descriptor subject;

  private IndexBuilder(String mediaType) {
    this.mediaType = mediaType;
  }

  /**
   * A builder for an OCI image index ({@link MediaTypes#OCI_IMAGE_INDEX}).
   *
   * @return a new builder
   * @since 0.1
   */
  public static IndexBuilder oci() {
    return new IndexBuilder(MediaTypes.OCI_IMAGE_INDEX);
  }

  /**
   * A builder for a Docker manifest list ({@link MediaTypes#DOCKER_MANIFEST_LIST}).
   *
   * @return a new builder
   * @since 0.1
   */
  public static IndexBuilder docker() {
    return new IndexBuilder(MediaTypes.DOCKER_MANIFEST_LIST);
  }

  /**
   * Adds a child as it is described.
   *
   * @param child the child's descriptor, usually with a platform
   * @return this builder
   * @throws InvalidManifestException if its media type does not belong in this kind of index,
   *     the same digest and platform were added already, or the index is full
   * @since 0.1
   */
  public IndexBuilder add(Descriptor child) {
    Objects.requireNonNull(child, "child");
    checkKind(child);
    if (manifests.size() >= FerryLimits.MAX_INDEX_MANIFESTS) {
      throw invalid("an index may list at most " + FerryLimits.MAX_INDEX_MANIFESTS + " manifests");
    }
    checkNotDuplicate(child, manifests);
    manifests.add(child);
    return this;
  }

  /**
   * Adds a manifest as the image for a platform.
   *
   * @param manifest the child manifest
   * @param platform the platform it runs on
   * @return this builder
   * @throws InvalidManifestException as {@link #add(Descriptor)}
   * @since 0.1
   */
  public IndexBuilder add(Manifest manifest, Platform platform) {
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(platform, "platform");
    return add(manifest.descriptor().withPlatform(platform));
  }

  /**
   * Sets or replaces the platform of the child with this digest.
   *
   * @param child the digest of a child added before
   * @param platform its platform
   * @return this builder
   * @throws IllegalArgumentException if no child, or more than one, has that digest
   * @since 0.1
   */
  public IndexBuilder platform(Digest child, Platform platform) {
    Objects.requireNonNull(platform, "platform");
    int at = onlyIndexOf(child);
    // the digest is unique among the children, so no duplicate can arise here
    manifests.set(at, manifests.get(at).withPlatform(platform));
    return this;
  }

  /**
   * Sets an annotation on every child with this digest, replacing an earlier value.
   *
   * @param child the digest of a child added before
   * @param key the annotation key, not empty
   * @param value the value
   * @return this builder
   * @throws IllegalArgumentException if no child has that digest, or the key is empty
   * @since 0.1
   */
  public IndexBuilder annotate(Digest child, String key, String value) {
    Objects.requireNonNull(child, "child");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    boolean found = false;
    for (int i = 0; i < manifests.size(); i++) {
      if (manifests.get(i).digest().equals(child)) {
        manifests.set(i, manifests.get(i).toBuilder().annotation(key, value).build());
        found = true;
      }
    }
    if (!found) {
      throw new IllegalArgumentException("no child with digest " + child + " was added");
    }
    return this;
  }

  /**
   * Sets an annotation of the index itself, replacing an earlier value.
   *
   * @param key the annotation key, not empty
   * @param value the value
   * @return this builder
   * @throws IllegalArgumentException if the key is empty
   * @since 0.1
   */
  public IndexBuilder annotation(String key, String value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    if (key.isEmpty()) {
      throw new IllegalArgumentException("annotation keys must not be empty");
    }
    annotations.put(key, value);
    return this;
  }

  /**
   * Sets the index's artifact type (OCI only).
   *
   * @param artifactType a media type of the RFC 6838 form
   * @return this builder
   * @throws InvalidManifestException if this is a Docker manifest list
   * @throws IllegalArgumentException if the artifact type is malformed
   * @since 0.1
   */
  public IndexBuilder artifactType(String artifactType) {
    Objects.requireNonNull(artifactType, "artifactType");
    requireOci("an artifactType");
    if (!MediaTypes.isWellFormed(artifactType)) {
      throw new IllegalArgumentException("artifactType must be a media type of the form type/subtype"
          + " (RFC 6838), found " + Texts.quote(artifactType));
    }
    this.artifactType = artifactType;
    return this;
  }

  /**
   * Sets the manifest this index refers to (OCI 1.1 {@code subject}; OCI only).
   *
   * @param subject the descriptor of the subject manifest
   * @return this builder
   * @throws InvalidManifestException if this is a Docker manifest list
   * @since 0.1
   */
  public IndexBuilder subject(Descriptor subject) {
    Objects.requireNonNull(subject, "subject");
    requireOci("a subject");
    this.subject = subject;
    return this;
  }

  /**
   * Writes the index.
   *
   * @return the index, whose bytes are deterministic as described above
   * @throws InvalidManifestException if a Docker list child has no platform, or the
   *     index would be larger than {@link FerryLimits#MAX_MANIFEST_BYTES}
   * @since 0.1
   */
  public ImageIndex build() {
    for (Descriptor child : manifests) {
      if (isDocker() && child.platform().isEmpty()) {
        throw invalid("every child of a Docker manifest list needs a platform; " + child.digest()
            + " has none (set one with platform(digest, platform))");
      }
    }
    byte[] bytes = IndexWriter.write(mediaType, artifactType, manifests, subject, annotations);
    if (bytes.length > FerryLimits.MAX_MANIFEST_BYTES) {
      throw invalid("the index would be " + bytes.length + " bytes, more than the limit of "
          + FerryLimits.MAX_MANIFEST_BYTES);
    }
    return (ImageIndex) ManifestParser.parse(bytes, mediaType);
  }

  private boolean isDocker() {
    return MediaTypes.DOCKER_MANIFEST_LIST.equals(mediaType);
  }

  private void checkKind(Descriptor child) {
    String type = child.mediaType();
    if (isDocker() && !MediaTypes.DOCKER_MANIFEST_V2.equals(type)) {
      throw invalid("a Docker manifest list may only list Docker image manifests ("
          + MediaTypes.DOCKER_MANIFEST_V2 + "); " + child.digest() + " is " + type
          + (MediaTypes.isOci(type) ? " (build an OCI index with IndexBuilder.oci() instead)" : ""));
    }
    if (!isDocker() && (MediaTypes.isDocker(type) || isOciBlobType(type))) {
      throw invalid("an OCI index may only list OCI manifests, indexes and artifacts; " + child.digest()
          + " is " + type + (MediaTypes.isDocker(type) ? " (build a Docker list with IndexBuilder.docker()"
          + " instead)" : ", which is not a manifest"));
    }
  }

  private static boolean isOciBlobType(String type) {
    return type.equals(MediaTypes.OCI_IMAGE_CONFIG) || type.equals(MediaTypes.OCI_EMPTY)
        || type.startsWith("application/vnd.oci.image.layer.");
  }

  private void checkNotDuplicate(Descriptor child, List<Descriptor> existing) {
    for (Descriptor other : existing) {
      if (other.digest().equals(child.digest()) && other.platform().equals(child.platform())) {
        throw invalid("the index already lists " + child.digest() + " for platform "
            + child.platform().map(Platforms::describe).orElse("(none)"));
      }
    }
  }

  private int onlyIndexOf(Digest child) {
    Objects.requireNonNull(child, "child");
    int found = -1;
    for (int i = 0; i < manifests.size(); i++) {
      if (manifests.get(i).digest().equals(child)) {
        if (found >= 0) {
          throw new IllegalArgumentException("more than one child has digest " + child
              + "; add them with their platforms instead");
        }
        found = i;
      }
    }
    if (found < 0) {
      throw new IllegalArgumentException("no child with digest " + child + " was added");
    }
    return found;
  }

  private void requireOci(String what) {
    if (isDocker()) {
      throw invalid("a Docker manifest list cannot have " + what + "; use IndexBuilder.oci()");
    }
  }

  private InvalidManifestException invalid(String reason) {
    return new InvalidManifestException(reason, mediaType, null, null);
  }
}
