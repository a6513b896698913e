package dev.ferry.benchmarks;

/**
 * One HTTP request and the start of its answer, as a {@link DelayProxy} saw it, in the
 * client's time: {@code startNanos} is when the client began it (for the first request on
 * a connection, when it began connecting, so the TCP and TLS handshakes are inside the
 * interval), {@code answeredNanos} when the first byte of the response reached the client.
 *
 * @param host the proxy's label, e.g. {@code source}
 * @param requestLine {@code GET /v2/app/manifests/1 HTTP/1.1}, or as much of it as came in the first read
 * @param status the response status, or 0 if the response did not start with a status line
 * @param startNanos {@link System#nanoTime()} when the client began the request
 * @param answeredNanos {@link System#nanoTime()} when the response's first byte reached the client
 * @param newConnection whether this was the first request on a new connection
 */
record Exchange(String host, String requestLine, int status, long startNanos, long answeredNanos,
    boolean newConnection) {

  /** Whether this exchange could only begin after {@code earlier}'s answer arrived: a round trip in a row. */
  boolean follows(Exchange earlier) {
    return startNanos >= earlier.answeredNanos;
  }

  @Override
  public String toString() {
    return host + " " + requestLine + " -> " + status + (newConnection ? " (new connection)" : "");
  }
}
