package dev.ferry.registry;

import dev.ferry.internal.http.Request;
import dev.ferry.internal.http.Response;
import dev.ferry.internal.http.RetryStrategy;
import dev.ferry.internal.http.Urls;
import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The raw bytes of a blob, reconnecting with {@code Range: bytes=N-} when the connection
 * drops before the expected size has arrived, as often and after the waits the client's
 * {@link RetryStrategy} allows (each reconnect is one more attempt of this download). The
 * digest check wraps this stream, so resumed bytes are verified like the rest.
 *
 * <p>Not thread-safe, like any stream.
 */
final class ResumingBlobStream extends InputStream {
  private final BlobReads reads;
  private final RetryStrategy retries;
  private final ImageReference repository;
  private final Digest digest;
  private final long size;
  private @Nullable Response response;
  private @Nullable InputStream in;
  private long position;
  private int attempt = 1;
  private boolean closed;

  ResumingBlobStream(BlobReads reads, RetryStrategy retries, ImageReference repository, Digest digest, long size) {
    this.reads = reads;
    this.retries = retries;
    this.repository = repository;
    this.digest = digest;
    this.size = size;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    if (closed) {
      throw new IOException("stream closed");
    }
    if (len == 0) {
      return 0;
    }
    while (true) {
      try {
        InputStream current = connect();
        int n = current.read(buf, off, len);
        if (n < 0 && position < size) {
          // retryable, like any connection that breaks off
          throw new EOFException("connection ended after " + position + " of " + size + " bytes");
        }
        if (n > 0) {
          position += n;
        }
        return n;
      } catch (IOException e) {
        disconnect();
        if (closed) {
          throw e;
        }
        Request request = reads.request("GET", repository, digest);
        Optional<Duration> wait = retries.afterIo(e, attempt);
        if (wait.isEmpty()) {
          throw new TransportException("download of blob " + digest + " failed at byte " + position + " of " + size
              + " after " + attempt + " attempt(s): " + RetryStrategy.describe(e), repository.registry(),
              repository.repository(), "GET", Urls.redact(request.uri()), e);
        }
        retries.pause(request, reads.context(repository), attempt, wait.get(),
            RetryStrategy.describe(e));
        attempt++;
      }
    }
  }

  private InputStream connect() throws IOException {
    if (in != null) {
      return in;
    }
    Response opened = reads.open(repository, digest, position);
    response = opened;
    InputStream body = opened.body();
    if (position > 0 && opened.status() == 200) {
      // the server ignored Range: skip what we already have
      body.skipNBytes(position);
    } else if (position > 0) {
      checkContentRange(opened.header("Content-Range"));
    }
    in = body;
    return body;
  }

  private void checkContentRange(Optional<String> contentRange) throws IOException {
    // "bytes 1000-4999/5000": the part must start where we stopped
    String value = contentRange.orElse("");
    String expected = "bytes " + position + "-";
    if (!value.startsWith(expected)) {
      throw new IOException("resumed download answered Content-Range \"" + value + "\", expected " + expected
          + "...");
    }
  }

  private void disconnect() {
    Response r = response;
    response = null;
    in = null;
    if (r != null) {
      r.close();
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      disconnect();
    }
  }
}
