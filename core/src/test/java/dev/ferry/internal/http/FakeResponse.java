package dev.ferry.internal.http;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/** A {@link Response} made up in a test: status, headers, a body in memory; remembers closing and reading. */
final class FakeResponse implements Response {
  private final int status;
  private final List<String[]> headers = new ArrayList<>();
  private final CountingStream body;
  boolean closed;

  FakeResponse(int status, byte[] body) {
    this.status = status;
    this.body = new CountingStream(body);
  }

  FakeResponse(int status, String body) {
    this(status, body.getBytes(StandardCharsets.UTF_8));
  }

  FakeResponse(int status) {
    this(status, new byte[0]);
  }

  FakeResponse header(String name, String value) {
    headers.add(new String[] {name.toLowerCase(Locale.ROOT), value});
    return this;
  }

  /** How many body bytes were read. */
  int bytesRead() {
    return body.read;
  }

  @Override
  public int status() {
    return status;
  }

  @Override
  public URI uri() {
    return URI.create("https://registry.test/v2/");
  }

  @Override
  public Optional<String> header(String name) {
    return headers(name).stream().findFirst();
  }

  @Override
  public List<String> headers(String name) {
    String key = name.toLowerCase(Locale.ROOT);
    return headers.stream().filter(h -> h[0].equals(key)).map(h -> h[1]).toList();
  }

  @Override
  public OptionalLong contentLength() {
    return OptionalLong.empty();
  }

  @Override
  public InputStream body() {
    return body;
  }

  @Override
  public void close() {
    closed = true;
  }

  private final class CountingStream extends ByteArrayInputStream {
    int read;

    CountingStream(byte[] bytes) {
      super(bytes);
    }

    @Override
    public synchronized int read() {
      int b = super.read();
      read += b < 0 ? 0 : 1;
      return b;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
      int n = super.read(b, off, len);
      read += Math.max(n, 0);
      return n;
    }

    @Override
    public void close() {
      FakeResponse.this.close();
    }
  }
}
