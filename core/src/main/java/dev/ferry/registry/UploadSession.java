package dev.ferry.registry;

import dev.ferry.internal.auth.Scope;
import dev.ferry.internal.http.CallContext;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * An open upload: where the registry wants the next request, for whom, and the
 * smallest chunk it accepts.
 *
 * @param location the absolute upload URL (it carries the registry's session state)
 * @param context registry and repository
 * @param scopes the token scopes of the upload
 * @param minChunk the registry's {@code OCI-Chunk-Min-Length}, at least 1
 */
record UploadSession(URI location, CallContext context, List<Scope> scopes, long minChunk) {
  UploadSession moveTo(URI next) {
    return new UploadSession(next, context, scopes, minChunk);
  }

  /** The location with a query parameter added, keeping the registry's own parameters. */
  URI withQuery(String parameter) {
    String s = location.toString();
    int hash = s.indexOf('#');
    String base = hash < 0 ? s : s.substring(0, hash);
    return URI.create(base + (base.contains("?") ? "&" : "?") + parameter);
  }

  /**
   * The next offset from a {@code Range: 0-N} header (inclusive end, so N+1); no
   * header or {@code 0-0} on an empty upload means 0. Some registries write
   * {@code bytes=0-N}.
   */
  static long nextOffset(Optional<String> range) {
    if (range.isEmpty() || range.get().isBlank()) {
      return 0;
    }
    String value = range.get().trim();
    if (value.startsWith("bytes=")) {
      value = value.substring("bytes=".length());
    }
    int dash = value.indexOf('-');
    if (dash < 0) {
      return 0;
    }
    try {
      long end = Long.parseLong(value.substring(dash + 1).trim());
      // distribution answers 0-0 for a session that holds nothing yet: resume from the start
      return end == 0 ? 0 : end + 1;
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
