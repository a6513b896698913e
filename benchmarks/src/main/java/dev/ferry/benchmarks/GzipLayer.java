package dev.ferry.benchmarks;

import dev.ferry.it.GeneratedBlob;
import dev.ferry.reference.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * A layer that is a valid gzip stream of exactly {@code size} bytes around
 * incompressible {@link GeneratedBlob} content, using stored (uncompressed)
 * deflate blocks. Real layers are gzip: {@code skopeo copy} passes them through
 * untouched, whereas it gzips a layer that is not compressed on its way to a
 * registry, which would change the image's digest and time gzip instead of the copy.
 * Generated on the fly from any offset; never held in memory.
 */
final class GzipLayer {
  private static final int HEADER = 10;
  private static final int TRAILER = 8;
  private static final int BLOCK_HEADER = 5;
  private static final int BLOCK_DATA = 65_535;
  private static final int BLOCK = BLOCK_HEADER + BLOCK_DATA;

  private final long size;
  private final GeneratedBlob payload;
  private final long blocks;
  private final int crc;
  private final Digest diffId;

  /** A gzip layer of {@code size} bytes (at least 64) whose content derives from {@code seed}. */
  GzipLayer(long size, long seed) {
    if (size < 64) {
      throw new IllegalArgumentException("a gzip layer needs at least 64 bytes: " + size);
    }
    this.size = size;
    long body = size - HEADER - TRAILER;
    long n = (body + BLOCK - 1) / BLOCK;
    long last = body - BLOCK_HEADER * n - (n - 1) * BLOCK_DATA;
    if (last < 1) {
      // the last block would be empty: a few sizes just above a multiple of the block cannot be framed exactly
      throw new IllegalArgumentException("no gzip framing of exactly " + size + " bytes; pick another size");
    }
    this.blocks = n;
    this.payload = new GeneratedBlob(size - HEADER - TRAILER - BLOCK_HEADER * n, seed);
    CRC32 crc32 = new CRC32();
    MessageDigest sha = sha256();
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = payload.open(0)) {
      for (int r; (r = in.read(buffer)) > 0; ) {
        crc32.update(buffer, 0, r);
        sha.update(buffer, 0, r);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.crc = (int) crc32.getValue();
    this.diffId = Digest.parse("sha256:" + HexFormat.of().formatHex(sha.digest()));
  }

  long size() {
    return size;
  }

  /** The SHA-256 of the uncompressed content, as a config's {@code rootfs.diff_ids} lists it. */
  Digest diffId() {
    return diffId;
  }

  /** The SHA-256 of the gzip stream, computed by streaming it once. */
  Digest digest() {
    MessageDigest sha = sha256();
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = open(0)) {
      for (int r; (r = in.read(buffer)) > 0; ) {
        sha.update(buffer, 0, r);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Digest.parse("sha256:" + HexFormat.of().formatHex(sha.digest()));
  }

  /** The bytes from {@code offset} to the end. */
  InputStream open(long offset) {
    return new Framed(offset);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Header, blocks (5-byte header + data each), trailer; payload bytes come from one sequential stream. */
  private final class Framed extends InputStream {
    private long position;
    private final InputStream data;

    Framed(long offset) {
      this.position = Math.min(offset, size);
      this.data = payload.open(payloadBefore(position));
    }

    /** How many payload bytes lie before this stream position. */
    private long payloadBefore(long at) {
      long body = Math.max(0, Math.min(at, size - TRAILER) - HEADER);
      long block = Math.min(body / BLOCK, blocks - 1);
      long within = body - block * BLOCK;
      return block * BLOCK_DATA + Math.max(0, within - BLOCK_HEADER);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (position >= size) {
        return -1;
      }
      if (len == 0) {
        return 0;
      }
      if (position < HEADER) {
        b[off] = headerByte((int) position);
        position++;
        return 1;
      }
      if (position >= size - TRAILER) {
        int i = (int) (position - (size - TRAILER));
        int word = i < 4 ? crc : (int) payload.size();
        b[off] = (byte) (word >>> (8 * (i & 3)));
        position++;
        return 1;
      }
      long body = position - HEADER;
      long block = body / BLOCK;
      int within = (int) (body - block * BLOCK);
      boolean last = block == blocks - 1;
      int length = last ? (int) (payload.size() - block * BLOCK_DATA) : BLOCK_DATA;
      if (within < BLOCK_HEADER) {
        int[] header = {last ? 1 : 0, length & 0xff, length >>> 8, ~length & 0xff, (~length >>> 8) & 0xff};
        b[off] = (byte) header[within];
        position++;
        return 1;
      }
      int n = Math.min(len, length - (within - BLOCK_HEADER));
      int read = data.read(b, off, n);
      if (read < 0) {
        throw new IOException("generated payload ended early");
      }
      position += read;
      return read;
    }

    private byte headerByte(int i) {
      // ID1 ID2, CM=deflate, no flags, no mtime, XFL 0, OS unknown
      return (byte) new int[] {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff}[i];
    }

    @Override
    public void close() throws IOException {
      data.close();
    }
  }
}
