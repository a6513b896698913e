package dev.ferry.manifest;

import dev.ferry.reference.Digest;
import org.jspecify.annotations.Nullable;

/** What is known about the document being parsed, so every error can say where it happened. */
record ParseContext(@Nullable String mediaType, @Nullable Digest digest) {
  ParseContext withMediaType(String type) {
    return new ParseContext(type, digest);
  }

  InvalidManifestException invalid(String reason) {
    return new InvalidManifestException(reason, mediaType, digest, null);
  }

  InvalidManifestException invalid(String reason, Throwable cause) {
    return new InvalidManifestException(reason, mediaType, digest, cause);
  }
}
