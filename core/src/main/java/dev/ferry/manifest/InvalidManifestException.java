package dev.ferry.manifest;

import dev.ferry.FerryException;
import dev.ferry.reference.Digest;
import java.util.Objects;
import java.util.Optional;
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
public final class InvalidManifestException extends FerryException {
  private static final long serialVersionUID = 1L;

  private final String reason;
  private final @Nullable String mediaType;
  private final @Nullable Digest digest;

  /**
   * Creates the exception.
   *
   * @param reason which rule was broken, and where in the document
   * @param mediaType the manifest's media type, when it is known
   * @param digest the manifest's digest, when it is known
   * @param cause the underlying failure, or null
   */
  public InvalidManifestException(String reason, @Nullable String mediaType,
      @Nullable Digest digest, @Nullable Throwable cause) {
    super(message(reason, mediaType, digest), cause);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.mediaType = mediaType;
    this.digest = digest;
  }

  /**
   * Creates the exception with only a reason.
   *
   * @param reason which rule was broken, and where in the document
   */
  public InvalidManifestException(String reason) {
    this(reason, null, null, null);
  }

  private static String message(String reason, @Nullable String mediaType, @Nullable Digest digest) {
    return "invalid manifest" + (digest == null ? "" : " " + digest)
        + (mediaType == null ? "" : " (" + mediaType + ")") + ": " + reason;
  }

  /**
   * The rule that was broken, without the media type and digest.
   *
   * @return the reason
   */
  public String reason() {
    return reason;
  }

  /**
   * The manifest's media type, when it was known when the problem was found.
   *
   * @return the media type, or empty
   */
  public Optional<String> mediaType() {
    return Optional.ofNullable(mediaType);
  }

  /**
   * The SHA-256 digest of the manifest's bytes, when they were read.
   *
   * @return the digest, or empty
   */
  public Optional<Digest> digest() {
    return Optional.ofNullable(digest);
  }
}
