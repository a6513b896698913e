package dev.ferry.copy;

import dev.ferry.manifest.Descriptor;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A blob's bytes on their way, reported to the listener about every mebibyte and at the end. */
final class ProgressStream extends FilterInputStream {
  private static final long STEP = 1024 * 1024;

  private final Descriptor blob;
  private final CopyListener listener;
  private final Runnable onClose;
  private long position;
  private long reported;

  ProgressStream(InputStream in, Descriptor blob, long offset, CopyListener listener, Runnable onClose) {
    super(in);
    this.blob = blob;
    this.listener = listener;
    this.onClose = onClose;
    this.position = offset;
    this.reported = offset;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) {
      position += n;
      if (position - reported >= STEP || position == blob.size()) {
        reported = position;
        long at = position;
        Listeners.safely(() -> listener.blobProgress(new CopyEvent.BlobProgress(blob.digest(), at, blob.size())));
      }
    }
    return n;
  }

  @Override
  public void close() throws IOException {
    onClose.run();
    super.close();
  }
}
