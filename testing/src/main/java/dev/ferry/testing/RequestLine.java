package dev.ferry.testing;

import java.util.Objects;

/**
 * What a fault's predicate sees of a request before it is handled: the method and
 * the path with its query, for example {@code GET /v2/demo/app/blobs/sha256:...} or
 * {@code POST /v2/demo/app/blobs/uploads/?digest=sha256:...}.
 *
 * <pre>{@code
 * registry.failNext(2, r -> r.method().equals("GET") && r.path().contains("/blobs/"), 503);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param method the HTTP method, upper case
 * @param path the raw (still percent-encoded) path, with {@code ?query} when there is one
 * @since 0.1
 */
public record RequestLine(String method, String path) {
  /**
   * Checks that both parts are present.
   *
   * @param method the HTTP method
   * @param path the path with its query
   * @since 0.1
   */
  public RequestLine {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
  }
}
