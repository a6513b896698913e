package dev.ferry.registry;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the bytes of a blob upload come from. It can be opened at an offset, so
 * that an interrupted upload resumes where the registry says it stopped instead
 * of starting over: a file seeks, a blob in another registry is re-requested with
 * {@code Range}.
 *
 * <pre>{@code
 * client.pushBlob(dst, descriptor, BlobSource.fromRegistry(client, src, descriptor));  // streams, never buffers
 * client.pushBlob(dst, descriptor, BlobSource.of(Path.of("layer.tar.gz")));
 * }</pre>
 *
 * <p>Implementations must allow {@link #open(long)} to be called more than once.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface BlobSource {
  /**
   * Opens the content from a byte offset.
   *
   * @param offset the first byte to deliver, 0 for the start
   * @return a stream of the remaining bytes; the caller closes it
   * @throws IOException if the content cannot be read
   * @since 0.1
   */
  InputStream open(long offset) throws IOException;

  /**
   * Bytes in memory (small blobs: configs, test data).
   *
   * @param bytes the content; not copied, do not modify it afterwards
   * @return a source over the bytes
   * @since 0.1
   */
  static BlobSource of(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    return offset -> new ByteArrayInputStream(bytes, (int) Math.min(offset, bytes.length),
        (int) Math.max(0, bytes.length - offset));
  }

  /**
   * A file, read from disk at each open.
   *
   * @param file the file
   * @return a source over the file
   * @since 0.1
   */
  static BlobSource of(Path file) {
    Objects.requireNonNull(file, "file");
    return offset -> {
      InputStream in = Files.newInputStream(file);
      in.skipNBytes(offset);
      return in;
    };
  }

  /**
   * A blob in a registry, streamed from it (and verified against its digest) as
   * it is uploaded elsewhere; resumed with {@code Range}.
   *
   * @param client the client that reads the source registry
   * @param repository the source repository, e.g. {@code docker.io/library/nginx}
   * @param descriptor the blob
   * @return a source reading from the registry
   * @since 0.1
   */
  static BlobSource fromRegistry(RegistryClient client, dev.ferry.reference.ImageReference repository,
      dev.ferry.manifest.Descriptor descriptor) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(descriptor, "descriptor");
    return offset -> {
      InputStream in = client.openBlob(repository, descriptor);
      // the digest check needs every byte, so a resumed upload re-reads and discards the prefix
      in.skipNBytes(offset);
      return in;
    };
  }
}
