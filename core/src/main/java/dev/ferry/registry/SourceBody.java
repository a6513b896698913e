package dev.ferry.registry;

import dev.ferry.internal.http.RequestBody;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A request body of exactly {@code length} bytes taken from an open source stream
 * through a fixed buffer: the unit of every blob upload. One-shot (not replayable);
 * a failed upload resumes from the registry's offset instead.
 */
final class SourceBody implements RequestBody {
  static final int BUFFER = 64 * 1024;

  private final InputStream source;
  private final long length;
  private final AtomicLong sent;
  private boolean written;

  SourceBody(InputStream source, long length, AtomicLong sent) {
    this.source = source;
    this.length = length;
    this.sent = sent;
  }

  @Override
  public String contentType() {
    return "application/octet-stream";
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
      throw new IOException("an upload body can be sent only once");
    }
    written = true;
    byte[] buffer = new byte[BUFFER];
    long remaining = length;
    while (remaining > 0) {
      int n = source.read(buffer, 0, (int) Math.min(buffer.length, remaining));
      if (n < 0) {
        throw new IOException("the blob source ended " + remaining + " bytes early");
      }
      out.write(buffer, 0, n);
      remaining -= n;
      sent.addAndGet(n);
    }
  }
}
