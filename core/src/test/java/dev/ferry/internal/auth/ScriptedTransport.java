package dev.ferry.internal.auth;

import dev.ferry.internal.http.CallContext;
import dev.ferry.internal.http.Header;
import dev.ferry.internal.http.Request;
import dev.ferry.internal.http.Response;
import dev.ferry.internal.http.Transport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A test {@link Transport} answering from a script, for hosts MockWebServer cannot
 * play (an https registry with a realm elsewhere). Records what was sent, bodies written out.
 */
final class ScriptedTransport implements Transport {
  private final Function<Request, Canned> script;
  final List<Request> sent = new CopyOnWriteArrayList<>();

  ScriptedTransport(Function<Request, Canned> script) {
    this.script = script;
  }

  @Override
  public Response execute(Request request, CallContext context) {
    if (request.body() != null) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try {
        request.body().writeTo(out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    sent.add(request);
    return script.apply(request).toResponse(request.uri());
  }

  @Override
  public void close() {}

  /** A canned answer. */
  record Canned(int status, List<Header> headers, String body) {
    static Canned of(int status, String body, String... headerPairs) {
      List<Header> headers = new ArrayList<>();
      for (int i = 0; i < headerPairs.length; i += 2) {
        headers.add(new Header(headerPairs[i], headerPairs[i + 1]));
      }
      return new Canned(status, headers, body);
    }

    Response toResponse(URI uri) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      InputStream in = new ByteArrayInputStream(bytes);
      return new Response() {
        @Override
        public int status() {
          return status;
        }

        @Override
        public URI uri() {
          return uri;
        }

        @Override
        public Optional<String> header(String name) {
          return headers(name).stream().findFirst();
        }

        @Override
        public List<String> headers(String name) {
          return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).toList();
        }

        @Override
        public OptionalLong contentLength() {
          return OptionalLong.of(bytes.length);
        }

        @Override
        public InputStream body() {
          return in;
        }

        @Override
        public void close() {}
      };
    }
  }
}
