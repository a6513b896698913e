package dev.ferry.copy;

import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import java.time.Duration;
import java.util.List;

/**
 * Something a copy did, delivered to a {@link CopyListener} from worker threads.
 * Each kind is a record with a readable {@code toString()}.
 *
 * @since 0.1
 */
public sealed interface CopyEvent {
  /**
   * What the copy will move, reported once before the first byte of any blob moves: after the
   * source manifests are read and every destination repository was asked (HEAD) for every blob,
   * so a progress bar has its total. For an index the plan covers every child the copy takes,
   * and for several destination repositories it sums over them. Blobs are layers and configs;
   * manifests are small and not counted. Then the blobs to send report {@link BlobStarted},
   * {@link BlobProgress} and {@link BlobFinished}, the skipped ones {@link BlobSkipped}, the
   * mounted ones {@link BlobMounted}: {@code bytes} is the sum of the {@link BlobStarted} sizes.
   * Two cases move more than planned: a registry that refuses a planned mount gets the blob
   * uploaded instead (with {@link BlobStarted}), and a {@link Retry} of a broken transfer sends
   * bytes again. In a {@link BulkCopy}, a blob another image of the run is sending at that moment
   * is planned as sent, then reported skipped once that image has sent it. A copy that includes
   * referrers reports a plan of its own for each referrer it copies. An up-to-date copy reports
   * {@link UpToDate} instead.
   *
   * @param blobs how many blobs will be sent (uploaded)
   * @param bytes their total size in bytes
   * @param skipped how many blobs the destinations already hold (nothing moves)
   * @param mounts how many blobs will be mounted from another repository of the destination registry
   * @since 0.1
   */
  record Planned(int blobs, long bytes, int skipped, int mounts) implements CopyEvent {}

  /**
   * Every destination already holds the digest this copy would write (asked with HEAD): no blob or
   * manifest is sent and no tag moves. Reported instead of {@link Planned}; referrers, when asked
   * for, are still copied.
   *
   * @param digest the digest the destinations hold: the source's, or the new index or child for
   *     {@link IndexMode#FILTERED} and {@link IndexMode#SINGLE_PLATFORM}
   * @param destinations where it is: each destination with its tag, or by digest
   * @since 0.1
   */
  record UpToDate(Digest digest, List<ImageReference> destinations) implements CopyEvent {
    /**
     * Keeps an unmodifiable copy of the destinations.
     *
     * @param digest the digest the destinations hold
     * @param destinations where it is
     * @since 0.1
     */
    public UpToDate {
      destinations = List.copyOf(destinations);
    }
  }

  /**
   * A blob transfer began: its first byte is about to be sent (a mounted blob reports only
   * {@link BlobMounted}).
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
