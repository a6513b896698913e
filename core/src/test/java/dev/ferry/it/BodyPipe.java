package dev.ferry.it;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Copies one message body between two sockets as framed by its head (Content-Length,
 * chunked, or to the end of the connection), counting payload bytes so that a
 * {@link FaultProxy} rule can flip one of them or cut the connection after some.
 * Chunk framing passes through unchanged; the counts are of payload bytes only.
 * One instance per body; not thread-safe.
 */
final class BodyPipe {
  /** Thrown when the body reached the byte after which the connection is to be reset. */
  static final class Cut extends IOException {
    private static final long serialVersionUID = 1L;

    Cut(long at) {
      super("fault: connection reset after " + at + " body bytes");
    }
  }

  private static final byte[] CRLF = {'\r', '\n'};

  private final long resetAfter;
  private final long flipAt;
  private long position;

  /** {@code resetAfter} and {@code flipAt} are body offsets, or -1 for never. */
  BodyPipe(long resetAfter, long flipAt) {
    this.resetAfter = resetAfter;
    this.flipAt = flipAt;
  }

  static BodyPipe plain() {
    return new BodyPipe(-1, -1);
  }

  /** Copies the body {@code head} announces; {@code untilEnd} reads an unframed body to the end of the stream. */
  void copy(HttpHead head, InputStream in, OutputStream out, boolean untilEnd) throws IOException {
    if (head.chunked()) {
      copyChunked(in, out);
    } else if (head.contentLength() >= 0) {
      copy(in, out, head.contentLength());
    } else if (untilEnd) {
      copy(in, out, -1);
    }
    out.flush();
  }

  private void copyChunked(InputStream in, OutputStream out) throws IOException {
    while (true) {
      String sizeLine = HttpHead.line(in);
      if (sizeLine == null) {
        throw new EOFException("chunked body ended without its last chunk");
      }
      writeLine(out, sizeLine);
      long size = Long.parseLong(sizeLine.split(";", 2)[0].trim(), 16);
      if (size == 0) {
        for (String trailer = HttpHead.line(in); trailer != null && !trailer.isEmpty(); trailer = HttpHead.line(in)) {
          writeLine(out, trailer);
        }
        out.write(CRLF);
        return;
      }
      copy(in, out, size);
      HttpHead.line(in); // the CRLF closing the chunk
      out.write(CRLF);
    }
  }

  /** Copies {@code length} bytes, or to the end of the stream when -1. */
  private void copy(InputStream in, OutputStream out, long length) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long left = length;
    while (length < 0 || left > 0) {
      int want = (int) (length < 0 ? buffer.length : Math.min(buffer.length, left));
      if (resetAfter >= 0) {
        if (position >= resetAfter) {
          out.flush();
          throw new Cut(position);
        }
        want = (int) Math.min(want, resetAfter - position);
      }
      int n = in.read(buffer, 0, want);
      if (n < 0) {
        if (length < 0) {
          return;
        }
        throw new EOFException("body ended " + left + " bytes early");
      }
      if (flipAt >= position && flipAt < position + n) {
        buffer[(int) (flipAt - position)] ^= 0x20;
      }
      out.write(buffer, 0, n);
      position += n;
      left -= n;
    }
  }

  private static void writeLine(OutputStream out, String line) throws IOException {
    out.write(line.getBytes(StandardCharsets.ISO_8859_1));
    out.write(CRLF);
  }
}
