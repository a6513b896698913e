package dev.ferry.testing.internal;

import dev.ferry.manifest.Descriptor;
import dev.ferry.reference.Digest;
import dev.ferry.registry.BlobSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A generated layer ready to push: its descriptor, its diff id and its bytes, in
 * memory when small and in a temporary file (deleted on close) when large.
 */
public final class LayerBlob implements AutoCloseable {
  private static final long IN_MEMORY = 32L << 20;

  private final Descriptor descriptor;
  private final Digest diffId;
  private final BlobSource source;
  private final Path file;

  private LayerBlob(Descriptor descriptor, Digest diffId, BlobSource source, Path file) {
    this.descriptor = descriptor;
    this.diffId = diffId;
    this.source = source;
    this.file = file;
  }

  /**
   * Generates a layer.
   *
   * @param contentSize random bytes in its file
   * @param seed the seed of the bytes
   * @param mediaType the layer media type
   * @return the layer; close it to delete its temporary file
   */
  public static LayerBlob generate(long contentSize, long seed, String mediaType) {
    try {
      MessageDigest compressed = Upload.newSha256();
      MessageDigest uncompressed = Upload.newSha256();
      Path file = null;
      ByteArrayOutputStream memory = null;
      OutputStream target;
      if (contentSize <= IN_MEMORY) {
        memory = new ByteArrayOutputStream((int) contentSize + 4096);
        target = memory;
      } else {
        file = Files.createTempFile("ferry-layer-", ".tar.gz");
        target = Files.newOutputStream(file);
      }
      long size;
      try (OutputStream out = target; DigestOutputStream digesting = new DigestOutputStream(out, compressed);
           OutputStream counting = new CountingStream(digesting);
           OutputStream tarDigest = new DigestOutputStream(OutputStream.nullOutputStream(), uncompressed)) {
        new RandomLayer(contentSize, seed).write(counting, tarDigest);
        counting.flush();
        size = ((CountingStream) counting).count;
      }
      Descriptor descriptor = Descriptor.of(mediaType, sha256(compressed), size);
      BlobSource source = memory != null ? BlobSource.of(memory.toByteArray()) : BlobSource.of(file);
      return new LayerBlob(descriptor, sha256(uncompressed), source, file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot generate a test layer", e);
    }
  }

  private static Digest sha256(MessageDigest digest) {
    return new Digest(Digest.SHA256, HexFormat.of().formatHex(digest.digest()));
  }

  /** The layer's descriptor. */
  public Descriptor descriptor() {
    return descriptor;
  }

  /** The digest of the uncompressed tar. */
  public Digest diffId() {
    return diffId;
  }

  /** The compressed bytes. */
  public BlobSource source() {
    return source;
  }

  @Override
  public void close() {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // a temporary file left behind; the OS cleans its temp directory
      }
    }
  }

  private static final class CountingStream extends java.io.FilterOutputStream {
    long count;

    CountingStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }
  }
}
