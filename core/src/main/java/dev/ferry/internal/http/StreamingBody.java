package dev.ferry.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;

/**
 * A one-shot body copied from a source stream through a fixed buffer, never held
 * whole: exactly {@code length} bytes when the length is known (a source that
 * ends early is an error), else everything to the end of the source. Reports
 * each written slice to a progress callback.
 */
final class StreamingBody implements RequestBody {
  static final int BUFFER = 256 * 1024;

  private final InputStream source;
  private final long length;
  private final @Nullable String contentType;
  private final LongConsumer progress;
  private final boolean toEnd;
  private boolean written;

  StreamingBody(InputStream source, long length, @Nullable String contentType, LongConsumer progress,
      boolean toEnd) {
    this.source = source;
    this.length = length;
    this.contentType = contentType;
    this.progress = progress;
    this.toEnd = toEnd;
  }

  @Override
  public @Nullable String contentType() {
    return contentType;
  }

  @Override
  public long contentLength() {
    return length;
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
    long remaining = length < 0 ? Long.MAX_VALUE : length;
    while (remaining > 0) {
      int n = source.read(buffer, 0, (int) Math.min(buffer.length, remaining));
      if (n < 0) {
        if (length < 0) {
          return;
        }
        throw new IOException("the body's source ended " + remaining + " bytes before its declared length");
      }
      out.write(buffer, 0, n);
      remaining -= n;
      progress.accept(n);
    }
    // the last bytes of a source: reading its end is what makes a verifying source check its digest
    if (toEnd && length >= 0 && source.read() >= 0) {
      throw new IOException("the body's source is longer than its declared " + length + " bytes");
    }
  }
}
