package dev.ferry.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.io.ModalCloseable;
import org.jspecify.annotations.Nullable;

/**
 * A response whose body is the live connection stream. Closing it (or its body)
 * returns the connection to the pool when the body was read to the end or what is
 * left has a known length small enough to read through quickly; otherwise the
 * connection is closed,
 * so a half-read 1 GiB blob is never drained. Closing HttpClient's own stream would
 * drain whatever is left, which is why the body's close() comes here instead.
 * A close from another thread than the one that sent the request, or from an
 * interrupted thread, is a cancel: it drops the connection at once and reads nothing,
 * so a trickling server never holds the canceller, and the reader is never raced.
 * Thread-safety: close() may be called from any thread, once or many times; the body
 * is read by one thread.
 */
final class ApacheResponse implements Response {
  /** Most bytes read through on close to keep a connection; beyond that it is cheaper to reconnect. */
  static final int DRAIN_LIMIT = 64 * 1024;
  /** Longest a drain on close may take: a peer that drips what is left is not worth the wait. */
  static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(1);

  private final ClassicHttpResponse response;
  private final URI uri;
  private final @Nullable HttpEntity entity;
  private final Body body;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Thread owner = Thread.currentThread();

  private final Duration smallBodyTimeout;
  /** Told the status once, when the response is closed: the end of the exchange for the call's events. */
  private final IntConsumer onClosed;

  ApacheResponse(ClassicHttpResponse response, URI uri, boolean head, Duration smallBodyTimeout,
      IntConsumer onClosed) {
    this.response = response;
    this.uri = uri;
    this.smallBodyTimeout = smallBodyTimeout;
    this.onClosed = onClosed;
    int status = response.getCode();
    // HEAD, 204 and 304 have no body whatever the headers say (Content-Length is the GET's)
    this.entity = head || status == 204 || status == 304 ? null : response.getEntity();
    this.body = new Body();
  }

  @Override
  public int status() {
    return response.getCode();
  }

  @Override
  public URI uri() {
    return uri;
  }

  @Override
  public Optional<String> header(String name) {
    Header h = response.getFirstHeader(name);
    return h == null || h.getValue() == null ? Optional.empty() : Optional.of(h.getValue());
  }

  @Override
  public List<String> headers(String name) {
    List<String> values = new ArrayList<>();
    for (Header h : response.getHeaders(name)) {
      if (h.getValue() != null) {
        values.add(h.getValue());
      }
    }
    return List.copyOf(values);
  }

  @Override
  public OptionalLong contentLength() {
    Optional<String> value = header("Content-Length");
    if (value.isEmpty()) {
      return OptionalLong.empty();
    }
    String v = value.get().trim();
    if (v.isEmpty() || v.length() > 18 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Long.parseLong(v));
  }

  @Override
  public InputStream body() {
    return body;
  }

  @Override
  public InputStream smallBody() {
    return SmallBodies.withDeadline(body, smallBodyTimeout, System::nanoTime);
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      release();
    } finally {
      onClosed.accept(response.getCode());
    }
  }

  private void release() {
    try {
      if (entity == null || body.eof || (!cancelling() && drainWithinLimit())) {
        // at the end of the body HttpClient has already given the connection back to the pool
        response.close();
        return;
      }
    } catch (IOException | RuntimeException e) {
      // fall through: a connection that failed while draining is not worth keeping
    }
    discard();
  }

  @Override
  public String toString() {
    return "Response[" + status() + " " + Urls.redact(uri) + "]";
  }

  private boolean cancelling() {
    Thread current = Thread.currentThread();
    return current != owner || current.isInterrupted();
  }

  private boolean drainWithinLimit() throws IOException {
    // only a known, small remainder: reading an unknown length could block on a stalled server
    OptionalLong length = contentLength();
    if (length.isEmpty() || length.getAsLong() - body.consumed > DRAIN_LIMIT) {
      return false;
    }
    byte[] buffer = new byte[8192];
    long budget = DRAIN_LIMIT;
    InputStream in = SmallBodies.withDeadline(body.stream(), DRAIN_TIMEOUT, System::nanoTime);
    while (budget > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, budget));
      if (n < 0) {
        return true;
      }
      budget -= n;
    }
    return in.read() < 0;
  }

  private void discard() {
    try {
      if (response instanceof ModalCloseable modal) {
        // IMMEDIATE skips reading the rest of the body and drops the connection from the pool
        modal.close(CloseMode.IMMEDIATE);
      } else {
        response.close();
      }
    } catch (IOException | RuntimeException e) {
      // the connection is gone either way; close() never throws
    }
  }

  /** The connection stream, counting what was read and whether the end was reached. */
  private final class Body extends InputStream {
    private @Nullable InputStream in;
    long consumed;
    boolean eof;

    InputStream stream() throws IOException {
      if (in == null) {
        InputStream content = entity == null ? null : entity.getContent();
        in = content == null ? InputStream.nullInputStream() : content;
      }
      return in;
    }

    @Override
    public int read() throws IOException {
      if (eof) {
        return -1;
      }
      int b = stream().read();
      if (b < 0) {
        eof = true;
      } else {
        consumed++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (eof) {
        return -1;
      }
      int n = stream().read(b, off, len);
      if (n < 0) {
        eof = true;
      } else {
        consumed += n;
      }
      return n;
    }

    @Override
    public int available() throws IOException {
      return eof || entity == null ? 0 : stream().available();
    }

    @Override
    public void close() {
      ApacheResponse.this.close();
    }
  }
}
