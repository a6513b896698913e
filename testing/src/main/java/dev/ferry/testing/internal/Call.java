package dev.ferry.testing.internal;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;
import java.util.function.LongUnaryOperator;

/**
 * One request and its answer: query parameters, headers, and the ways to respond.
 * Tells {@code responding} the status just before the headers go out (once), and may
 * cut a streamed body short on purpose (see {@link #truncateWith}).
 */
final class Call {
  /** How often a throttled body sends its next piece. */
  static final Duration TICK = Duration.ofMillis(50);

  private final HttpExchange exchange;
  private final IntConsumer responding;
  private final Map<String, List<String>> query = new LinkedHashMap<>();
  private LongUnaryOperator truncation = length -> -1;
  private long bytesPerSecond;
  private boolean responded;
  private Gate.Caller caller = Gate.Caller.ANYONE;

  Call(HttpExchange exchange, IntConsumer responding) {
    this.exchange = exchange;
    this.responding = responding;
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        String key = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        query.computeIfAbsent(URLDecoder.decode(key, StandardCharsets.UTF_8), k -> new ArrayList<>())
            .add(URLDecoder.decode(value, StandardCharsets.UTF_8));
      }
    }
  }

  String method() {
    return exchange.getRequestMethod();
  }

  boolean isHead() {
    return "HEAD".equals(method());
  }

  /** The first value of a query parameter. */
  Optional<String> query(String name) {
    List<String> values = query.get(name);
    return values == null ? Optional.empty() : Optional.of(values.get(0));
  }

  /** Every value of a query parameter, in order. */
  List<String> queryAll(String name) {
    return query.getOrDefault(name, List.of());
  }

  /** Who is calling, as the gate decided; everyone may do everything without auth. */
  Gate.Caller caller() {
    return caller;
  }

  void caller(Gate.Caller caller) {
    this.caller = caller;
  }

  Optional<String> header(String name) {
    return Optional.ofNullable(exchange.getRequestHeaders().getFirst(name));
  }

  InputStream body() {
    return exchange.getRequestBody();
  }

  /**
   * Asks {@code truncation}, given a streamed body's length, how many bytes to send
   * before closing the connection abruptly; -1 sends the whole body.
   */
  void truncateWith(LongUnaryOperator truncation) {
    this.truncation = truncation;
  }

  /** Sends streamed bodies at most this fast (in pieces every {@link #TICK}); 0 for full speed. */
  void throttle(long rate) {
    this.bytesPerSecond = rate;
  }

  Call set(String name, String value) {
    exchange.getResponseHeaders().set(name, value);
    return this;
  }

  /** A response without a body (Content-Length: 0). */
  void send(int status) throws IOException {
    drain();
    respond(status, -1);
    exchange.close();
  }

  /** A JSON body; for HEAD only its length. */
  void json(int status, String json) throws IOException {
    send(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  void send(int status, String contentType, byte[] body) throws IOException {
    set("Content-Type", contentType);
    drain();
    if (isHead()) {
      set("Content-Length", Long.toString(body.length));
      respond(status, -1);
    } else {
      respond(status, body.length == 0 ? -1 : body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
    exchange.close();
  }

  /** Streams {@code length} bytes (fewer if {@link #truncateWith} says so); for HEAD only the length. */
  void stream(int status, String contentType, long length, InputStream content) throws IOException {
    set("Content-Type", contentType);
    drain();
    try (InputStream in = content) {
      if (isHead()) {
        set("Content-Length", Long.toString(length));
        respond(status, -1);
      } else {
        long cut = length == 0 ? -1 : truncation.applyAsLong(length);
        respond(status, length == 0 ? -1 : length);
        OutputStream out = exchange.getResponseBody();
        copy(in, out, cut < 0 ? length : cut, bytesPerSecond);
        if (cut >= 0) {
          // headers promised more: the client reads a truncated body, then end of stream
          out.flush();
          exchange.close();
          return;
        }
        out.close();
      }
    }
    exchange.close();
  }

  private static void copy(InputStream in, OutputStream out, long length, long rate) throws IOException {
    // throttled: one tick's worth of bytes, flushed so the client sees them trickle, then a pause
    int piece = rate == 0 ? 64 * 1024 : (int) Math.max(1, Math.min(64 * 1024, rate * TICK.toMillis() / 1000));
    byte[] buffer = new byte[piece];
    long left = length;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new IOException("stored blob ended early");
      }
      out.write(buffer, 0, n);
      left -= n;
      if (rate > 0 && left > 0) {
        out.flush();
        Router.pause(TICK);
      }
    }
  }

  void error(ApiError error) throws IOException {
    error.challenge().ifPresent(challenge -> set("WWW-Authenticate", challenge));
    error.retryAfter().ifPresent(wait -> set("Retry-After", Long.toString((wait.toMillis() + 999) / 1000)));
    json(error.status(), Json.error(error));
  }

  /** Reports status -1 if no response was started: the connection failed first. */
  void abandon() {
    if (!responded) {
      responded = true;
      responding.accept(-1);
    }
  }

  private void respond(int status, long length) throws IOException {
    if (!responded) {
      responded = true;
      responding.accept(status);
    }
    exchange.sendResponseHeaders(status, length);
  }

  /** Reads what the client sent and we did not, so that the connection can be reused. */
  private void drain() {
    try (InputStream in = exchange.getRequestBody()) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      // the client went away; the answer will fail to send and that is all
    }
  }
}
