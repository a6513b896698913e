package dev.ferry.testing.internal;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** An OCI distribution error: the HTTP status and the spec's error code, sent as error JSON. */
public final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final @Nullable Duration retryAfter;
  private final @Nullable String challenge;
  private final boolean oauth;

  ApiError(int status, String code, String message) {
    this(status, code, message, null);
  }

  ApiError(int status, String code, String message, @Nullable Duration retryAfter) {
    this(status, code, message, retryAfter, null);
  }

  ApiError(int status, String code, String message, @Nullable Duration retryAfter, @Nullable String challenge) {
    this(status, code, message, retryAfter, challenge, false);
  }

  /**
   * @param challenge the {@code WWW-Authenticate} value to send, if any
   * @param oauth whether the body is OAuth2's {@code {"error":..,"error_description":..}}
   *     (the token endpoint's POST flow) rather than the distribution spec's error JSON
   */
  ApiError(int status, String code, String message, @Nullable Duration retryAfter, @Nullable String challenge,
      boolean oauth) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
    this.challenge = challenge;
    this.oauth = oauth;
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  /** The wait to announce in {@code Retry-After}, if any. */
  Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** The {@code WWW-Authenticate} challenge to send, if any. */
  Optional<String> challenge() {
    return Optional.ofNullable(challenge);
  }

  boolean oauth() {
    return oauth;
  }

  static ApiError readOnly(String method) {
    return new ApiError(405, "UNSUPPORTED", "the registry is in read-only mode: " + method + " is refused");
  }

  static ApiError blobUnknown(Object digest) {
    return new ApiError(404, "BLOB_UNKNOWN", "blob unknown to registry: " + digest);
  }

  static ApiError uploadUnknown(String id) {
    return new ApiError(404, "BLOB_UPLOAD_UNKNOWN", "blob upload unknown to registry: " + id);
  }

  static ApiError uploadInvalid(String why) {
    return new ApiError(400, "BLOB_UPLOAD_INVALID", "blob upload invalid: " + why);
  }

  static ApiError digestInvalid(String why) {
    return new ApiError(400, "DIGEST_INVALID", "provided digest did not match uploaded content: " + why);
  }

  static ApiError manifestUnknown(String reference) {
    return new ApiError(404, "MANIFEST_UNKNOWN", "manifest unknown: " + reference);
  }

  static ApiError manifestInvalid(String why) {
    return new ApiError(400, "MANIFEST_INVALID", "manifest invalid: " + why);
  }

  static ApiError manifestBlobUnknown(Object digest) {
    return new ApiError(400, "MANIFEST_BLOB_UNKNOWN", "manifest references an unknown blob or manifest: " + digest);
  }

  static ApiError nameInvalid(String name) {
    return new ApiError(400, "NAME_INVALID", "invalid repository name: " + name);
  }

  static ApiError nameUnknown(String name) {
    return new ApiError(404, "NAME_UNKNOWN", "repository name not known to registry: " + name);
  }

  static ApiError sizeInvalid(String why) {
    return new ApiError(400, "SIZE_INVALID", "provided length did not match content length: " + why);
  }

  static ApiError unsupported(String why) {
    return new ApiError(405, "UNSUPPORTED", "the operation is unsupported: " + why);
  }

  static ApiError notFound(String path) {
    return new ApiError(404, "NOT_FOUND", "no such endpoint: " + path);
  }
}
