package dev.ferry.registry;

import dev.ferry.internal.http.RequestBody;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;

/**
 * A one-shot upload body sent with chunked transfer encoding that, when its source fails
 * (a broken or cancelled source stream, a digest mismatch at its end), ends the request
 * cleanly instead of aborting the connection, and keeps the failure for the caller. The
 * registry then answers with the session's new location, so the session can still be
 * cancelled: a registry such as distribution refuses every request to a session whose
 * body was cut mid-way (its state token no longer matches what it stored) and keeps the
 * partial data until it purges old uploads.
 *
 * <p>Not thread-safe; one request.
 */
final class StoppableBody implements RequestBody {
  private static final int BUFFER = 256 * 1024;

  private final InputStream source;
  private final long length;
  private final LongConsumer progress;
  private @Nullable Exception failure;
  private boolean written;

  StoppableBody(InputStream source, long length, LongConsumer progress) {
    this.source = source;
    this.length = length;
    this.progress = progress;
  }

  /** Why the source stopped early: an {@link IOException} or a {@link RuntimeException}; null if it did not. */
  @Nullable Exception failure() {
    return failure;
  }

  @Override
  public @Nullable String contentType() {
    return "application/octet-stream";
  }

  @Override
  public long contentLength() {
    return -1;
  }

  @Override
  public boolean isReplayable() {
    return false;
  }

  @Override
  public void writeTo(OutputStream out) throws IOException {
    if (written) {
      throw new IOException("a streamed body can be sent only once");
    }
    written = true;
    byte[] buffer = new byte[BUFFER];
    long remaining = length;
    while (remaining > 0) {
      int n;
      try {
        n = source.read(buffer, 0, (int) Math.min(buffer.length, remaining));
        if (n < 0) {
          throw new IOException("the source ended " + remaining + " bytes before the blob's size");
        }
      } catch (IOException | RuntimeException e) {
        failure = e;
        return;
      }
      // a failure writing to the connection is the connection's: it propagates
      out.write(buffer, 0, n);
      remaining -= n;
      progress.accept(n);
    }
  }
}
