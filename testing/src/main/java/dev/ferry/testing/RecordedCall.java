package dev.ferry.testing;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One request an {@link EmbeddedRegistry} answered, as {@link EmbeddedRegistry#requests()}
 * lists it: enough to assert on retries, resumes and injected faults. Of the
 * {@code Authorization} header only its presence is kept, never its value.
 *
 * <p>Immutable and thread-safe.
 *
 * @param method the HTTP method, upper case
 * @param path the raw path, with {@code ?query} when there is one
 * @param status the status answered (an injected fault's status included), or -1 if none was sent
 * @param range the request's {@code Range} header (a resumed blob download sends one)
 * @param contentRange the request's {@code Content-Range} header (chunked upload PATCHes send one)
 * @param hasAuthorization whether the request carried an {@code Authorization} header
 * @param time when the request arrived
 * @since 0.1
 */
public record RecordedCall(String method, String path, int status, Optional<String> range,
    Optional<String> contentRange, boolean hasAuthorization, Instant time) {
  /**
   * Checks that every part is present.
   *
   * @param method the HTTP method
   * @param path the path with its query
   * @param status the status answered, or -1
   * @param range the {@code Range} header
   * @param contentRange the {@code Content-Range} header
   * @param hasAuthorization whether an {@code Authorization} header was sent
   * @param time when the request arrived
   * @since 0.1
   */
  public RecordedCall {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(contentRange, "contentRange");
    Objects.requireNonNull(time, "time");
  }

  /**
   * The method and path, as a fault's predicate sees them.
   *
   * @return the request line
   * @since 0.1
   */
  public RequestLine line() {
    return new RequestLine(method, path);
  }
}
