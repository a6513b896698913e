package dev.ferry.internal.auth;

import dev.ferry.internal.http.CallContext;
import dev.ferry.internal.http.Header;
import dev.ferry.internal.http.Request;
import dev.ferry.internal.http.RequestBody;
import dev.ferry.internal.http.Response;
import dev.ferry.internal.http.Transport;
import dev.ferry.internal.http.Urls;
import dev.ferry.registry.TransportException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A test-only {@link Transport} over {@link HttpURLConnection}, so the auth flow can be
 * tested against MockWebServer without the real transport. No retries, no redirects.
 * Bodies are buffered by HttpURLConnection (its streaming modes refuse to read a 401).
 */
final class UrlConnectionTransport implements Transport {
  @Override
  public Response execute(Request request, CallContext context) {
    try {
      HttpURLConnection c = (HttpURLConnection) request.uri().toURL().openConnection();
      c.setInstanceFollowRedirects(false);
      c.setUseCaches(false);
      c.setConnectTimeout(5_000);
      c.setReadTimeout(20_000);
      c.setRequestMethod(request.method());
      for (Header h : request.headers()) {
        c.addRequestProperty(h.name(), h.value());
      }
      RequestBody body = request.body();
      if (body != null) {
        if (body.contentType() != null) {
          c.setRequestProperty("Content-Type", body.contentType());
        }
        c.setDoOutput(true);
        try (OutputStream out = c.getOutputStream()) {
          body.writeTo(out);
        }
      }
      int status = c.getResponseCode();
      return new ConnectionResponse(c, status, request.uri());
    } catch (IOException e) {
      throw new TransportException("cannot reach " + Urls.redact(request.uri()), context.registry(),
          context.repository(), request.method(), Urls.redact(request.uri()), e);
    }
  }

  @Override
  public void close() {}

  private static final class ConnectionResponse implements Response {
    private final HttpURLConnection connection;
    private final int status;
    private final URI uri;
    private InputStream body;

    ConnectionResponse(HttpURLConnection connection, int status, URI uri) {
      this.connection = connection;
      this.status = status;
      this.uri = uri;
    }

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
      List<String> all = headers(name);
      return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    @Override
    public List<String> headers(String name) {
      // by index: getHeaderFields() lists repeated headers in reverse order
      List<String> values = new ArrayList<>();
      for (int i = 1; connection.getHeaderFieldKey(i) != null || connection.getHeaderField(i) != null; i++) {
        if (name.equalsIgnoreCase(connection.getHeaderFieldKey(i))) {
          values.add(connection.getHeaderField(i));
        }
      }
      return values;
    }

    @Override
    public OptionalLong contentLength() {
      long length = connection.getContentLengthLong();
      return length < 0 ? OptionalLong.empty() : OptionalLong.of(length);
    }

    @Override
    public synchronized InputStream body() {
      if (body == null) {
        try {
          InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
          body = in == null ? InputStream.nullInputStream() : in;
        } catch (IOException e) {
          body = InputStream.nullInputStream();
        }
      }
      return body;
    }

    @Override
    public void close() {
      try {
        body().close();
      } catch (IOException ignored) {
        // closing a test connection
      }
    }
  }
}
