package dev.ferry.manifest;

import dev.ferry.internal.Texts;
import dev.ferry.reference.Digest;
import org.jspecify.annotations.Nullable;

/**
 * A well-formed document of a kind Ferry does not handle: Docker image manifest
 * schema 1 (signed or not), or a media type that is not one of
 * {@link MediaTypes#MANIFEST_ACCEPT}. The message names the type and says what to
 * do instead.
 *
 * <p>Thread-safety: immutable.
 *
 * @since 0.1
 */
public final class UnsupportedManifestException extends ManifestException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param reason what the document is and why it is refused
   * @param mediaType the media type that is not supported, when known
   * @param digest the SHA-256 digest of the document, when known
   * @since 0.1
   */
  public UnsupportedManifestException(String reason, @Nullable String mediaType, @Nullable Digest digest) {
    super("unsupported manifest", reason, mediaType, digest, null);
  }

  static UnsupportedManifestException schema1(String mediaType, String evidence, @Nullable Digest digest) {
    return new UnsupportedManifestException("this is a Docker image manifest schema 1 (" + mediaType
        + "; " + evidence + "). Schema 1 is deprecated and current Docker and containerd releases"
        + " no longer pull it; a signed schema 1 manifest is not content-addressable either, because its digest"
        + " covers the payload without the signatures, not the bytes the registry serves. Re-push the"
        + " image with a current client (docker, buildx or podman write schema 2 or OCI), or convert"
        + " it, e.g. `skopeo copy --format v2s2 docker://SOURCE docker://DESTINATION`"
        + " (or `--format oci`)", mediaType, digest);
  }

  static UnsupportedManifestException unknownType(String mediaType, String where, @Nullable Digest digest) {
    return new UnsupportedManifestException("media type " + Texts.quote(mediaType) + " (" + where
        + ") is not a manifest type Ferry understands; supported: "
        + String.join(", ", MediaTypes.MANIFEST_ACCEPT), mediaType, digest);
  }
}
