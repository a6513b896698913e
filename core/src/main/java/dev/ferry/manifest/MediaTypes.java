package dev.ferry.manifest;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The media types of the OCI image spec and of Docker's image formats, and
 * predicates over them. Predicates compare exactly: strip {@code Content-Type}
 * parameters first (see {@link #essence(String)}).
 *
 * <pre>{@code
 * if (MediaTypes.isIndex(descriptor.mediaType())) { ... }
 * }</pre>
 *
 * <p>Thread-safety: constants and stateless functions only.
 *
 * @since 0.1
 */
public final class MediaTypes {
  /**
   * OCI image manifest.
   *
   * @since 0.1
   */
  public static final String OCI_IMAGE_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  /**
   * OCI image index.
   *
   * @since 0.1
   */
  public static final String OCI_IMAGE_INDEX = "application/vnd.oci.image.index.v1+json";
  /**
   * OCI image configuration.
   *
   * @since 0.1
   */
  public static final String OCI_IMAGE_CONFIG = "application/vnd.oci.image.config.v1+json";
  /**
   * OCI layer, uncompressed tar.
   *
   * @since 0.1
   */
  public static final String OCI_LAYER_TAR = "application/vnd.oci.image.layer.v1.tar";
  /**
   * OCI layer, gzip-compressed tar.
   *
   * @since 0.1
   */
  public static final String OCI_LAYER_TAR_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
  /**
   * OCI layer, zstd-compressed tar.
   *
   * @since 0.1
   */
  public static final String OCI_LAYER_TAR_ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";
  /**
   * OCI non-distributable layer, uncompressed tar (deprecated by the spec; still read).
   *
   * @since 0.1
   */
  public static final String OCI_LAYER_NONDISTRIBUTABLE_TAR =
      "application/vnd.oci.image.layer.nondistributable.v1.tar";
  /**
   * OCI non-distributable layer, gzip-compressed tar (deprecated by the spec; still read).
   *
   * @since 0.1
   */
  public static final String OCI_LAYER_NONDISTRIBUTABLE_TAR_GZIP =
      "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip";
  /**
   * OCI non-distributable layer, zstd-compressed tar (deprecated by the spec; still read).
   *
   * @since 0.1
   */
  public static final String OCI_LAYER_NONDISTRIBUTABLE_TAR_ZSTD =
      "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd";
  /**
   * The OCI empty descriptor's content, {@code {}}: the config of an artifact that has none.
   *
   * @since 0.1
   */
  public static final String OCI_EMPTY = "application/vnd.oci.empty.v1+json";

  /**
   * Docker image manifest, schema 2.
   *
   * @since 0.1
   */
  public static final String DOCKER_MANIFEST_V2 = "application/vnd.docker.distribution.manifest.v2+json";
  /**
   * Docker manifest list (the multi-platform "fat manifest").
   *
   * @since 0.1
   */
  public static final String DOCKER_MANIFEST_LIST =
      "application/vnd.docker.distribution.manifest.list.v2+json";
  /**
   * Docker container configuration.
   *
   * @since 0.1
   */
  public static final String DOCKER_CONTAINER_CONFIG = "application/vnd.docker.container.image.v1+json";
  /**
   * Docker layer, uncompressed tar.
   *
   * @since 0.1
   */
  public static final String DOCKER_LAYER_TAR = "application/vnd.docker.image.rootfs.diff.tar";
  /**
   * Docker layer, gzip-compressed tar.
   *
   * @since 0.1
   */
  public static final String DOCKER_LAYER_TAR_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";
  /**
   * Docker foreign layer (for example Windows base layers), fetched from its {@code urls}.
   *
   * @since 0.1
   */
  public static final String DOCKER_FOREIGN_LAYER_TAR_GZIP =
      "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";
  /**
   * Docker plugin configuration.
   *
   * @since 0.1
   */
  public static final String DOCKER_PLUGIN_CONFIG = "application/vnd.docker.plugin.v1+json";
  /**
   * Docker image manifest, schema 1, unsigned. Not supported: see {@link UnsupportedManifestException}.
   *
   * @since 0.1
   */
  public static final String DOCKER_MANIFEST_V1 = "application/vnd.docker.distribution.manifest.v1+json";
  /**
   * Docker image manifest, schema 1, signed. Not supported: see {@link UnsupportedManifestException}.
   *
   * @since 0.1
   */
  public static final String DOCKER_MANIFEST_V1_SIGNED =
      "application/vnd.docker.distribution.manifest.v1+prettyjws";

  /**
   * Every manifest type Ferry understands, in order of preference: indexes
   * first (so a multi-platform tag yields its index, not one platform chosen by
   * the registry), OCI before Docker within each kind. Send it as {@code Accept}.
   * Schema 1 is left out on purpose.
   *
   * @since 0.1
   */
  public static final List<String> MANIFEST_ACCEPT =
      List.of(OCI_IMAGE_INDEX, DOCKER_MANIFEST_LIST, OCI_IMAGE_MANIFEST, DOCKER_MANIFEST_V2);

  private static final Set<String> FOREIGN_LAYERS = Set.of(OCI_LAYER_NONDISTRIBUTABLE_TAR,
      OCI_LAYER_NONDISTRIBUTABLE_TAR_GZIP, OCI_LAYER_NONDISTRIBUTABLE_TAR_ZSTD,
      DOCKER_FOREIGN_LAYER_TAR_GZIP);

  // RFC 6838 section 4.2: type "/" subtype, each a restricted-name of 1 to 127 characters
  private static final Pattern WELL_FORMED = Pattern.compile(
      "[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}");

  private MediaTypes() {}

  /** Whether a media type has the RFC 6838 form, without parameters. */
  static boolean isWellFormed(String mediaType) {
    return WELL_FORMED.matcher(mediaType).matches();
  }

  /**
   * Whether the type is an index: an OCI image index or a Docker manifest list.
   *
   * @param mediaType a media type without parameters
   * @return true for the two index types
   * @since 0.1
   */
  public static boolean isIndex(String mediaType) {
    return OCI_IMAGE_INDEX.equals(mediaType) || DOCKER_MANIFEST_LIST.equals(mediaType);
  }

  /**
   * Whether the type is a single-image manifest: OCI image manifest or Docker schema 2.
   *
   * @param mediaType a media type without parameters
   * @return true for the two image manifest types
   * @since 0.1
   */
  public static boolean isImageManifest(String mediaType) {
    return OCI_IMAGE_MANIFEST.equals(mediaType) || DOCKER_MANIFEST_V2.equals(mediaType);
  }

  /**
   * Whether the type is a manifest Ferry can parse: an index or an image manifest.
   *
   * @param mediaType a media type without parameters
   * @return true for the types in {@link #MANIFEST_ACCEPT}
   * @since 0.1
   */
  public static boolean isManifest(String mediaType) {
    return isIndex(mediaType) || isImageManifest(mediaType);
  }

  /**
   * Whether the type is Docker schema 1, signed or not.
   *
   * @param mediaType a media type without parameters
   * @return true for the two schema 1 types
   * @since 0.1
   */
  public static boolean isSchema1(String mediaType) {
    return DOCKER_MANIFEST_V1.equals(mediaType) || DOCKER_MANIFEST_V1_SIGNED.equals(mediaType);
  }

  /**
   * Whether the type is a non-distributable ("foreign") layer: the three OCI
   * non-distributable layer types and Docker's foreign layer. Registries need not
   * hold such blobs; copies skip them and keep the descriptor.
   *
   * @param mediaType a media type without parameters
   * @return true for non-distributable layer types
   * @since 0.1
   */
  public static boolean isForeignLayer(String mediaType) {
    return FOREIGN_LAYERS.contains(mediaType);
  }

  /**
   * Whether the type belongs to Docker ({@code application/vnd.docker.}).
   *
   * @param mediaType a media type
   * @return true for Docker types
   * @since 0.1
   */
  public static boolean isDocker(String mediaType) {
    return mediaType.startsWith("application/vnd.docker.");
  }

  /**
   * Whether the type belongs to the OCI image spec ({@code application/vnd.oci.}).
   *
   * @param mediaType a media type
   * @return true for OCI types
   * @since 0.1
   */
  public static boolean isOci(String mediaType) {
    return mediaType.startsWith("application/vnd.oci.");
  }

  /**
   * The media type of a {@code Content-Type} value without its parameters,
   * trimmed and lower-cased: {@code "Application/JSON; charset=utf-8"} gives
   * {@code "application/json"}.
   *
   * @param contentType a header value, possibly empty
   * @return the essence, possibly empty
   * @since 0.1
   */
  public static String essence(String contentType) {
    Objects.requireNonNull(contentType, "contentType");
    int semicolon = contentType.indexOf(';');
    String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return type.trim().toLowerCase(Locale.ROOT);
  }
}
