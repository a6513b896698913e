package dev.ferry.internal.http;

import java.net.URI;

/** URL helpers for messages. */
public final class Urls {
  private Urls() {}

  /** The URI without user info and query: what may appear in an exception or log. */
  public static String redact(URI uri) {
    StringBuilder sb = new StringBuilder();
    if (uri.getScheme() != null) {
      sb.append(uri.getScheme()).append("://");
    }
    if (uri.getHost() != null) {
      sb.append(uri.getHost().contains(":") && !uri.getHost().startsWith("[")
          ? "[" + uri.getHost() + "]" : uri.getHost());
    }
    if (uri.getPort() >= 0) {
      sb.append(':').append(uri.getPort());
    }
    if (uri.getRawPath() != null) {
      sb.append(uri.getRawPath());
    }
    return sb.toString();
  }
}
