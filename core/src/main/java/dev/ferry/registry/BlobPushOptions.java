package dev.ferry.registry;

import dev.ferry.reference.ImageReference;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How one blob is pushed: the upload mode, the chunk size for chunked uploads,
 * and a repository of the same registry to mount the blob from.
 *
 * <pre>{@code
 * BlobPushOptions.defaults().mountFrom(ImageReference.parse("registry.example.com/base/alpine"))
 * }</pre>
 *
 * <p>Thread-safety: immutable.
 *
 * @since 0.1
 */
public final class BlobPushOptions {
  /**
   * The default chunk size for {@link UploadMode#CHUNKED}: 16 MiB.
   *
   * @since 0.1
   */
  public static final long DEFAULT_CHUNK_SIZE = 16L * 1024 * 1024;

  private static final BlobPushOptions DEFAULTS = new BlobPushOptions(UploadMode.STREAMED, DEFAULT_CHUNK_SIZE, null);

  private final UploadMode mode;
  private final long chunkSize;
  private final @Nullable ImageReference mountFrom;

  private BlobPushOptions(UploadMode mode, long chunkSize, @Nullable ImageReference mountFrom) {
    this.mode = mode;
    this.chunkSize = chunkSize;
    this.mountFrom = mountFrom;
  }

  /**
   * {@return streamed upload, 16 MiB chunks when chunked, no mount}
   *
   * @since 0.1
   */
  public static BlobPushOptions defaults() {
    return DEFAULTS;
  }

  /**
   * With another upload mode.
   *
   * @param newMode the mode
   * @return a copy with the mode
   * @since 0.1
   */
  public BlobPushOptions mode(UploadMode newMode) {
    return new BlobPushOptions(Objects.requireNonNull(newMode, "mode"), chunkSize, mountFrom);
  }

  /**
   * With another chunk size for {@link UploadMode#CHUNKED}.
   *
   * @param bytes the chunk size, at least 1
   * @return a copy with the chunk size
   * @throws IllegalArgumentException if {@code bytes < 1}
   * @since 0.1
   */
  public BlobPushOptions chunkSize(long bytes) {
    if (bytes < 1) {
      throw new IllegalArgumentException("chunk size must be at least 1 byte: " + bytes);
    }
    return new BlobPushOptions(mode, bytes, mountFrom);
  }

  /**
   * Try to mount the blob from a repository of the same registry first
   * ({@code POST ?mount=&from=}); upload it when the registry will not mount.
   *
   * @param repository the repository that holds the blob
   * @return a copy with the mount source
   * @since 0.1
   */
  public BlobPushOptions mountFrom(ImageReference repository) {
    return new BlobPushOptions(mode, chunkSize, Objects.requireNonNull(repository, "repository"));
  }

  /**
   * {@return the upload mode}
   *
   * @since 0.1
   */
  public UploadMode mode() {
    return mode;
  }

  /**
   * {@return the chunk size for chunked uploads}
   *
   * @since 0.1
   */
  public long chunkSize() {
    return chunkSize;
  }

  /**
   * {@return the repository to mount from, if any}
   *
   * @since 0.1
   */
  public Optional<ImageReference> mountFrom() {
    return Optional.ofNullable(mountFrom);
  }

  @Override
  public String toString() {
    return "BlobPushOptions{" + mode + ", chunkSize=" + chunkSize + (mountFrom == null ? "" : ", mountFrom="
        + mountFrom) + "}";
  }
}
