package dev.ferry.manifest;

import dev.ferry.reference.Digest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import org.jspecify.annotations.Nullable;

/**
 * A manifest for one image or artifact: an OCI image manifest or a Docker image
 * manifest schema 2. It names a config blob and a list of layer blobs.
 *
 * <pre>{@code
 * ImageManifest image = (ImageManifest) Manifest.parse(bytes, contentType);
 * for (Descriptor blob : image.blobs()) {
 *   if (!blob.isForeign()) copy(blob);      // Windows foreign layers stay where their urls say
 * }
 * }</pre>
 *
 * <p>An OCI 1.1 artifact is an image manifest too: it has an {@link #artifactType()},
 * often an empty config ({@link MediaTypes#OCI_EMPTY}) and a {@link #subject()}.
 *
 * <p>Thread-safety: immutable.
 *
 * @since 0.1
 */
public final class ImageManifest implements Manifest {
  private final ManifestFields fields;
  private final Descriptor config;
  private final List<Descriptor> layers;

  ImageManifest(ManifestFields fields, Descriptor config, List<Descriptor> layers) {
    this.fields = fields;
    this.config = config;
    this.layers = List.copyOf(layers);
  }

  /**
   * The config blob: the image configuration, or for an artifact its config or the empty descriptor.
   *
   * @return the config descriptor
   * @since 0.1
   */
  public Descriptor config() {
    return config;
  }

  /**
   * The layers, base first. Artifacts may have none.
   *
   * @return an unmodifiable list
   * @since 0.1
   */
  public List<Descriptor> layers() {
    return layers;
  }

  /**
   * Every blob a copy must move: the config, then the layers. Foreign layers are
   * included; check {@link Descriptor#isForeign()}.
   *
   * @return an unmodifiable list, config first
   * @since 0.1
   */
  public List<Descriptor> blobs() {
    List<Descriptor> blobs = new ArrayList<>(layers.size() + 1);
    blobs.add(config);
    blobs.addAll(layers);
    return List.copyOf(blobs);
  }

  /**
   * Whether this is a Docker schema 2 manifest rather than an OCI one.
   *
   * @return true for {@link MediaTypes#DOCKER_MANIFEST_V2}
   * @since 0.1
   */
  public boolean isDocker() {
    return MediaTypes.DOCKER_MANIFEST_V2.equals(fields.mediaType());
  }

  @Override
  public String mediaType() {
    return fields.mediaType();
  }

  @Override
  public Digest digest() {
    return fields.digest();
  }

  @Override
  public long size() {
    return fields.bytes().length;
  }

  @Override
  public byte[] bytes() {
    return fields.bytes().clone();
  }

  @Override
  public int schemaVersion() {
    return fields.schemaVersion();
  }

  @Override
  public SortedMap<String, String> annotations() {
    return fields.annotations();
  }

  @Override
  public Optional<Descriptor> subject() {
    return Optional.ofNullable(fields.subject());
  }

  @Override
  public Optional<String> artifactType() {
    return Optional.ofNullable(fields.artifactType());
  }

  @Override
  public List<Descriptor> references() {
    List<Descriptor> all = new ArrayList<>(blobs());
    subject().ifPresent(all::add);
    return List.copyOf(all);
  }

  /** Equal to another image manifest with the same media type and the same bytes. */
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ImageManifest m && mediaType().equals(m.mediaType())
        && Arrays.equals(fields.bytes(), m.fields.bytes());
  }

  @Override
  public int hashCode() {
    return fields.digest().hashCode();
  }

  /** Media type, digest, size and layer count; never the content. */
  @Override
  public String toString() {
    return "ImageManifest{" + mediaType() + " " + digest() + " " + size() + " bytes, "
        + layers.size() + " layers}";
  }
}
