package dev.ferry.testing.internal;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Bytes in memory as a list of fixed-size chunks: no single array grows with the
 * blob, and nothing is copied when a blob is committed. Thread-safe.
 */
final class ChunkedBuffer implements UploadBuffer {
  static final int CHUNK = 1 << 20;

  private final List<byte[]> chunks = new ArrayList<>();
  private long size;

  @Override
  public synchronized void write(byte[] bytes, int offset, int length) {
    int done = 0;
    while (done < length) {
      int inChunk = (int) (size % CHUNK);
      if (inChunk == 0) {
        chunks.add(new byte[Math.min(CHUNK, Math.max(length - done, 8192))]);
      }
      byte[] last = chunks.get(chunks.size() - 1);
      if (inChunk == last.length) {
        // the last chunk was sized for a small write: grow it up to a full chunk
        byte[] bigger = new byte[(int) Math.min(CHUNK, Math.max(last.length * 2L, inChunk + length - done))];
        System.arraycopy(last, 0, bigger, 0, inChunk);
        chunks.set(chunks.size() - 1, bigger);
        last = bigger;
      }
      int n = Math.min(length - done, last.length - inChunk);
      System.arraycopy(bytes, offset + done, last, inChunk, n);
      done += n;
      size += n;
    }
  }

  @Override
  public synchronized long size() {
    return size;
  }

  @Override
  public synchronized InputStream open(long offset) {
    List<byte[]> snapshot = List.copyOf(chunks);
    long end = size;
    return new InputStream() {
      private long position = Math.min(offset, end);

      @Override
      public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (position >= end) {
          return -1;
        }
        if (len == 0) {
          return 0;
        }
        byte[] chunk = snapshot.get((int) (position / CHUNK));
        int inChunk = (int) (position % CHUNK);
        int n = (int) Math.min(len, Math.min(CHUNK - inChunk, end - position));
        System.arraycopy(chunk, inChunk, b, off, n);
        position += n;
        return n;
      }
    };
  }

  @Override
  public synchronized void discard() {
    chunks.clear();
    size = 0;
  }
}
