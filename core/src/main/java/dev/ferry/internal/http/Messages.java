package dev.ferry.internal.http;

/** The common parts of transport and error messages; never a query string or credential. */
final class Messages {
  private Messages() {}

  /** {@code GET https://host/v2/org/app/manifests/1.0} */
  static String request(Request request) {
    return request.method() + " " + Urls.redact(request.uri());
  }

  /** {@code (registry docker.io, repository org/app)} */
  static String where(CallContext context) {
    return "(registry " + context.registry()
        + (context.repository() == null ? "" : ", repository " + context.repository()) + ")";
  }
}
