package dev.ferry.manifest;

import java.util.ArrayList;
import java.util.List;

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
public final class ImageManifest extends ManifestBase implements Manifest {
  private final Descriptor config;
  private final List<Descriptor> layers;

  ImageManifest(ManifestFields fields, Descriptor config, List<Descriptor> layers) {
    super(fields);
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
  List<Descriptor> targets() {
    return blobs();
  }

  /**
   * Media type, digest, size and layer count; never the content.
   *
   * @since 0.1
   */
  @Override
  public String toString() {
    return "ImageManifest{" + mediaType() + " " + digest() + " " + size() + " bytes, "
        + layers.size() + " layers}";
  }
}
