package dev.ferry.manifest;

import dev.ferry.reference.Digest;
import org.jspecify.annotations.Nullable;

/**
 * A manifest or index that breaks the OCI or Docker rules, or one of Ferry's
 * limits for hostile input ({@link dev.ferry.FerryLimits}): too large, malformed
 * JSON, duplicate keys, a missing or mistyped field, a media type that disagrees
 * with the {@code Content-Type}, too many layers or children. Also thrown by
 * {@link IndexBuilder} when the index asked for would break those rules.
 *
 * <p>The message says which field and why, e.g. {@code invalid manifest
 * sha256:3f1c... (application/vnd.oci.image.manifest.v1+json): layers[2].size must
 * be a non-negative integer, found -1}.
 *
 * <p>Thread-safety: immutable.
 *
 * @since 0.1
 */
public final class InvalidManifestException extends ManifestException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param reason which rule was broken, and where in the document
   * @param mediaType the manifest's media type, when it is known
   * @param digest the manifest's digest, when it is known
   * @param cause the underlying failure, or null
   * @since 0.1
   */
  public InvalidManifestException(String reason, @Nullable String mediaType,
      @Nullable Digest digest, @Nullable Throwable cause) {
    super("invalid manifest", reason, mediaType, digest, cause);
  }

  /**
   * Creates the exception with only a reason.
   *
   * @param reason which rule was broken, and where in the document
   * @since 0.1
   */
  public InvalidManifestException(String reason) {
    this(reason, null, null, null);
  }
}
