package dev.ferry.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One connection of a {@link DelayProxy}'s inner hop: relays plaintext HTTP/1.1 between
 * the client (after the delay line, and after TLS if the proxy terminates it) and the
 * registry, and records each request with the moment its answer began.
 *
 * <p>HTTP/1.1 clients do not pipeline, so a connection alternates: a request, its
 * response, the next request. A chunk from the client that opens with a request line
 * after a response has begun starts the next exchange; the first chunk from the server
 * after a request began is its answer (an interim {@code 1xx} is not). Times are turned
 * into the client's clock with the known one-way delay: a request arrived here
 * {@code oneWay} after the client sent it, and an answer reaches the client
 * {@code oneWay} after it leaves here.
 */
final class RecordingRelay {
  private static final Pattern REQUEST_LINE = Pattern.compile("^[A-Z]+ \\S");
  private static final Pattern STATUS_LINE = Pattern.compile("^HTTP/\\d(?:\\.\\d)? (\\d{3})");

  private final String host;
  private final Socket client;
  private final Socket upstream;
  private final long oneWayNanos;
  private final long connectedNanos;
  private final Exchanges log;
  private final Runnable onEnd;
  private final byte @Nullable [] forwardedHeader;
  private boolean first = true;
  private String requestLine;
  private long requestStart;
  private boolean awaitingAnswer;

  /**
   * @param connectedNanos when the client began connecting (the delay line accepted it then)
   * @param onEnd called when a direction ends (both sockets are closed by then)
   * @param tls whether the client came over TLS that this hop terminated: each request then gets
   *     {@code X-Forwarded-Proto: https}, as a load balancer adds it, so the registry writes
   *     {@code https} into the {@code Location}s it answers
   */
  RecordingRelay(String host, Socket client, Socket upstream, long oneWayNanos, long connectedNanos, Exchanges log,
      Runnable onEnd, boolean tls) {
    this.host = host;
    this.client = client;
    this.upstream = upstream;
    this.oneWayNanos = oneWayNanos;
    this.connectedNanos = connectedNanos;
    this.log = log;
    this.onEnd = onEnd;
    this.forwardedHeader = tls ? "X-Forwarded-Proto: https\r\n".getBytes(StandardCharsets.US_ASCII) : null;
  }

  void start(Executor threads) {
    threads.execute(() -> pump(client, upstream, true));
    threads.execute(() -> pump(upstream, client, false));
  }

  private void pump(Socket from, Socket to, boolean fromClient) {
    byte[] buffer = new byte[DelayedPipe.CHUNK];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        long now = System.nanoTime();
        int lineEnd = fromClient && onRequestBytes(buffer, n, now) && forwardedHeader != null ? lineEnd(buffer, n) : -1;
        if (!fromClient) {
          onResponseBytes(buffer, n, now);
        }
        if (lineEnd > 0) {
          out.write(buffer, 0, lineEnd);
          out.write(forwardedHeader);
          out.write(buffer, lineEnd, n - lineEnd);
        } else {
          out.write(buffer, 0, n);
        }
        out.flush();
      }
    } catch (IOException e) {
      // closed or reset by either side: the connection ends
    } finally {
      DelayProxy.closeQuietly(client);
      DelayProxy.closeQuietly(upstream);
      onEnd.run();
    }
  }

  /** Whether the chunk begins a new request. */
  private synchronized boolean onRequestBytes(byte[] bytes, int n, long now) {
    if (awaitingAnswer) {
      return false;  // more of the request being answered (its body)
    }
    String head = head(bytes, n);
    if (!first && !REQUEST_LINE.matcher(head).find()) {
      return false;  // the rest of a body sent after an early answer
    }
    requestLine = head;
    requestStart = first ? connectedNanos : now - oneWayNanos;
    awaitingAnswer = true;
    if (first) {
      log.connectionOpened();
    }
    return true;
  }

  /** Just past the request line's CRLF, where a header can go in; -1 if the line is not complete in this chunk. */
  private static int lineEnd(byte[] bytes, int n) {
    for (int i = 0; i + 1 < n; i++) {
      if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
        return i + 2;
      }
    }
    return -1;
  }

  private synchronized void onResponseBytes(byte[] bytes, int n, long now) {
    if (!awaitingAnswer) {
      return;
    }
    Matcher status = STATUS_LINE.matcher(head(bytes, n));
    int code = status.find() ? Integer.parseInt(status.group(1)) : 0;
    if (code >= 100 && code < 200) {
      return;  // an interim answer (100 Continue): the request goes on
    }
    log.add(new Exchange(host, requestLine, code, requestStart, now + oneWayNanos, first));
    first = false;
    awaitingAnswer = false;
  }

  /** The first line of the chunk (at most 200 characters). */
  private static String head(byte[] bytes, int n) {
    int end = 0;
    while (end < n && end < 200 && bytes[end] != '\r' && bytes[end] != '\n') {
      end++;
    }
    return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
  }
}
