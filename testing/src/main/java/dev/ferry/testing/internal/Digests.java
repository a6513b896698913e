package dev.ferry.testing.internal;

import dev.ferry.FerryException;
import dev.ferry.reference.Digest;

/** Digests from request paths and query parameters, refused with {@code DIGEST_INVALID}. */
final class Digests {
  private Digests() {}

  static Digest parse(String text) {
    try {
      return Digest.parse(text);
    } catch (FerryException e) {
      throw ApiError.digestInvalid(e.getMessage());
    }
  }

  static boolean looksLikeDigest(String reference) {
    return reference.contains(":");
  }
}
