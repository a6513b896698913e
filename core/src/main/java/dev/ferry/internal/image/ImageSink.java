package dev.ferry.internal.image;

import dev.ferry.manifest.Descriptor;
import dev.ferry.manifest.Manifest;
import dev.ferry.reference.Digest;
import dev.ferry.registry.BlobSource;
import java.util.Optional;

/**
 * Where a copy writes one named image. Nothing written is visible under the name
 * until {@link #commit}: blobs and manifests go in first, the name last. Closing a
 * sink that was not committed abandons what it wrote (temporary files are deleted,
 * an archive is never moved into place).
 *
 * <p>Thread-safety: blob and manifest writes may come from several threads only when
 * {@link #concurrentWrites()} says so; a sink is committed or closed once.
 */
public interface ImageSink extends AutoCloseable {
  /** {@return the digest the name holds now, if any: an equal one means there is nothing to copy} */
  Optional<Digest> current();

  /** {@return whether the sink already has this blob (it is then not written again)} */
  boolean hasBlob(Descriptor blob);

  /**
   * Writes a blob, verifying it against its descriptor as it streams.
   *
   * @param blob the blob's descriptor: digest and size
   * @param content where its bytes come from, openable again from an offset
   */
  void writeBlob(Descriptor blob, BlobSource content);

  /** Writes a manifest or index by digest (children of the top, referrers), bytes unchanged. */
  void writeManifest(Manifest manifest);

  /**
   * Writes the top manifest and makes everything visible under the name, atomically where
   * the format allows (a layout's {@code index.json} or a whole archive is moved into place).
   *
   * @param top the manifest or index the name will point at
   */
  default void commit(Manifest top) {
    commit(top, Referrers.none());
  }

  /**
   * Writes the top manifest and names it and its referrers at once (their content is written
   * before, with {@link #writeManifest} and {@link #writeBlob}).
   *
   * @param top the manifest or index the name will point at
   * @param referrers what refers to {@code top}, listed or tagged as the format keeps them
   */
  void commit(Manifest top, Referrers referrers);

  /**
   * Names referrers of an image the destination already holds under the name (the copy found
   * it up to date), so new signatures arrive without the image being written again.
   *
   * @param referrers written before with {@link #writeManifest}
   */
  void nameReferrers(Referrers referrers);

  /** {@return whether blob and manifest writes may run in parallel (registries yes, tar files no)} */
  default boolean concurrentWrites() {
    return false;
  }

  /** {@return the destination for messages} */
  String describe();

  /** Abandons what was written unless {@link #commit} ran. */
  @Override
  void close();
}
