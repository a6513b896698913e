package dev.ferry.manifest;

import dev.ferry.FerryException;
import dev.ferry.internal.Texts;
import dev.ferry.reference.Digest;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A manifest Ferry cannot use: either it breaks the rules
 * ({@link InvalidManifestException}) or it is of a kind Ferry does not handle
 * ({@link UnsupportedManifestException}). Both say why, and name the media type
 * and digest when they were known.
 *
 * <p>Thread-safety: immutable.
 *
 * @since 0.1
 */
public abstract sealed class ManifestException extends FerryException
    permits InvalidManifestException, UnsupportedManifestException {
  private static final long serialVersionUID = 1L;

  private final String reason;
  private final @Nullable String mediaType;
  private final @Nullable Digest digest;

  ManifestException(String prefix, String reason, @Nullable String mediaType, @Nullable Digest digest,
      @Nullable Throwable cause) {
    super(prefix + (digest == null ? "" : " " + digest) + (mediaType == null ? "" : " (" + Texts.escape(mediaType) + ")")
        + ": " + Objects.requireNonNull(reason, "reason"), cause);
    this.reason = reason;
    this.mediaType = mediaType;
    this.digest = digest;
  }

  /**
   * {@return the rule that was broken or why the kind is refused, without media type and digest}
   *
   * @since 0.1
   */
  public String reason() {
    return reason;
  }

  /**
   * {@return the manifest's media type, when it was known when the problem was found}
   *
   * @since 0.1
   */
  public Optional<String> mediaType() {
    return Optional.ofNullable(mediaType);
  }

  /**
   * {@return the SHA-256 digest of the manifest's bytes, when they were read}
   *
   * @since 0.1
   */
  public Optional<Digest> digest() {
    return Optional.ofNullable(digest);
  }
}
