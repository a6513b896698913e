package dev.ferry.copy;

import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import java.time.Duration;

/**
 * Something a copy did, delivered to a {@link CopyListener} from worker threads.
 * Each kind is a record with a readable {@code toString()}.
 *
 * @since 0.1
 */
public sealed interface CopyEvent {
  /**
   * A blob transfer began.
   *
   * @param digest the blob
   * @param size its size in bytes
   * @since 0.1
   */
  record BlobStarted(Digest digest, long size) implements CopyEvent {}

  /**
   * Bytes of a blob moved (reported about every mebibyte, and at the end).
   *
   * @param digest the blob
   * @param transferred bytes moved so far
   * @param size its size in bytes
   * @since 0.1
   */
  record BlobProgress(Digest digest, long transferred, long size) implements CopyEvent {}

  /**
   * The destination already had the blob.
   *
   * @param digest the blob
   * @param size its size in bytes
   * @since 0.1
   */
  record BlobSkipped(Digest digest, long size) implements CopyEvent {}

  /**
   * The destination registry mounted the blob from another of its repositories.
   *
   * @param digest the blob
   * @param size its size in bytes
   * @param from the repository it was mounted from
   * @since 0.1
   */
  record BlobMounted(Digest digest, long size, ImageReference from) implements CopyEvent {}

  /**
   * A blob was uploaded and verified.
   *
   * @param digest the blob
   * @param size its size in bytes
   * @param elapsed how long the transfer took
   * @since 0.1
   */
  record BlobFinished(Digest digest, long size, Duration elapsed) implements CopyEvent {}

  /**
   * A request failed for a passing reason and is sent again after a pause.
   *
   * @param request the method and URL (without query or credentials)
   * @param attempt the attempt that failed, 1 for the first
   * @param delay the pause before the next attempt
   * @param reason why, e.g. {@code 503 Service Unavailable} or {@code connection reset}
   * @since 0.1
   */
  record Retry(String request, int attempt, Duration delay, String reason) implements CopyEvent {}

  /**
   * A manifest or index was pushed to the destination.
   *
   * @param reference where: the destination repository with the tag or digest
   * @param digest the manifest's digest
   * @param mediaType its media type
   * @since 0.1
   */
  record ManifestPushed(ImageReference reference, Digest digest, String mediaType) implements CopyEvent {}
}
