package dev.ferry.testing.internal;

import java.io.IOException;
import java.io.InputStream;

/** Where the bytes of one blob go while it uploads, or lie once stored. Appends are sequential. */
public interface UploadBuffer {
  /** Appends bytes. */
  void write(byte[] bytes, int offset, int length) throws IOException;

  /** Bytes written so far. */
  long size();

  /** The content from an offset. */
  InputStream open(long offset) throws IOException;

  /** Frees what the buffer holds. */
  void discard() throws IOException;
}
