package dev.ferry.internal.http;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP request as the registry layer describes it. Immutable; {@link #header}
 * returns a copy with the header added.
 *
 * @param method GET, HEAD, PUT, POST, PATCH or DELETE
 * @param uri the absolute URI
 * @param headers the headers, in order; names compared case-insensitively
 * @param body the body, or null for none
 */
public record Request(String method, URI uri, List<Header> headers, @Nullable RequestBody body) {
  public Request {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    headers = List.copyOf(headers);
  }

  public static Request of(String method, URI uri) {
    return new Request(method, uri, List.of(), null);
  }

  /** A copy with the header added (an existing header of that name is kept too). */
  public Request header(String name, String value) {
    List<Header> copy = new ArrayList<>(headers);
    copy.add(new Header(name, value));
    return new Request(method, uri, copy, body);
  }

  /** A copy with every header of that name replaced by this one. */
  public Request withHeader(String name, String value) {
    return withoutHeader(name).header(name, value);
  }

  /** A copy without any header of that name. */
  public Request withoutHeader(String name) {
    List<Header> copy = new ArrayList<>(headers.size());
    for (Header h : headers) {
      if (!h.name().equalsIgnoreCase(name)) {
        copy.add(h);
      }
    }
    return new Request(method, uri, copy, body);
  }

  /** A copy with another URI (a redirect target, a pagination link). */
  public Request withUri(URI target) {
    return new Request(method, target, headers, body);
  }

  /** A copy with another method and body (a 303 turns into a GET without body). */
  public Request withMethod(String newMethod, @Nullable RequestBody newBody) {
    return new Request(newMethod, uri, headers, newBody);
  }

  /** The first header of that name. */
  public Optional<String> firstHeader(String name) {
    for (Header h : headers) {
      if (h.name().equalsIgnoreCase(name)) {
        return Optional.of(h.value());
      }
    }
    return Optional.empty();
  }

  /** GET, HEAD, PUT, DELETE, OPTIONS: safe to send twice. */
  public boolean isIdempotent() {
    return switch (method) {
      case "GET", "HEAD", "PUT", "DELETE", "OPTIONS" -> true;
      default -> false;
    };
  }

  /** Whether sending this request again is allowed: no body, or a body that can be written twice. */
  public boolean isReplayable() {
    return body == null || body.isReplayable();
  }

  /** {@code METHOD scheme://host/path} without the query (which may carry tokens in some flows). */
  @Override
  public String toString() {
    return method + " " + Urls.redact(uri);
  }
}
