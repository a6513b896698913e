package dev.ferry.internal.http;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;
import org.jspecify.annotations.Nullable;

/**
 * Streams a {@link RequestBody} to the connection: Content-Length when the length is
 * known, chunked when it is -1. The body is written straight to the socket stream, never
 * held. Failures of the body's own source are told apart from failures of the socket
 * (the first must not look like a connection reset), and a body writing more or fewer
 * bytes than it declared fails rather than sending a truncated or overlong request.
 * One instance per request attempt; not thread-safe.
 */
final class BodyEntity extends AbstractHttpEntity {
  private final RequestBody body;

  BodyEntity(RequestBody body) {
    super(body.contentType(), null, body.contentLength() < 0);
    this.body = body;
  }

  @Override
  public boolean isRepeatable() {
    return body.isReplayable();
  }

  @Override
  public long getContentLength() {
    return body.contentLength();
  }

  @Override
  public InputStream getContent() {
    throw new UnsupportedOperationException("a request body is written, not read");
  }

  @Override
  public boolean isStreaming() {
    return !body.isReplayable();
  }

  @Override
  public void writeTo(OutputStream out) throws IOException {
    Sink sink = new Sink(out, body.contentLength());
    try {
      body.writeTo(sink);
    } catch (IOException e) {
      if (e == sink.failure || e instanceof RequestBodyException) {
        throw e;
      }
      throw new RequestBodyException("reading the request body failed (" + e.getClass().getSimpleName() + ")", e);
    }
    if (sink.declared >= 0 && sink.written != sink.declared) {
      throw new RequestBodyException("the request body wrote " + sink.written + " bytes but declared "
          + sink.declared);
    }
  }

  @Override
  public void close() {
    // nothing held: the body's source belongs to the caller
  }

  /** Counts bytes and remembers which exception came from the socket. */
  private static final class Sink extends FilterOutputStream {
    final long declared;
    long written;
    @Nullable IOException failure;

    Sink(OutputStream out, long declared) {
      super(out);
      this.declared = declared;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (declared >= 0 && written + len > declared) {
        throw new RequestBodyException("the request body wrote more than the " + declared + " bytes it declared");
      }
      try {
        out.write(b, off, len);
        written += len;
      } catch (IOException e) {
        failure = e;
        throw e;
      }
    }

    @Override
    public void flush() throws IOException {
      try {
        out.flush();
      } catch (IOException e) {
        failure = e;
        throw e;
      }
    }

    @Override
    public void close() {
      // the connection owns the stream; a body closing it must not end the request
    }
  }
}
