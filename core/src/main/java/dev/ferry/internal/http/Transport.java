package dev.ferry.internal.http;

import java.io.Closeable;

/**
 * Sends requests: follows redirects itself (dropping {@code Authorization} when the
 * host changes, refusing https to http, bounded hops) and retries transient
 * failures per the retry policy (connection errors, 408, 429, 500, 502, 503, 504,
 * honouring {@code Retry-After}) when the request may be sent again.
 *
 * <p>Thread-safe.
 */
public interface Transport extends Closeable {
  /**
   * Sends a request and returns the final response, whatever its status.
   *
   * @param request the request
   * @param context the registry and repository the request is for, named in errors
   * @return the response; the caller closes it
   * @throws dev.ferry.registry.TransportException when no response could be had
   */
  Response execute(Request request, CallContext context);

  @Override
  void close();
}
