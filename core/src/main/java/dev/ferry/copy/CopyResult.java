package dev.ferry.copy;

import dev.ferry.manifest.Platform;
import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a copy did.
 *
 * @param source the source reference as given
 * @param sourceDigest the digest of the source manifest or index
 * @param destinations the destination references written (one per tag, or the digest)
 * @param digest the digest now at the destination: equal to {@code sourceDigest} unless
 *     the copy made a new index ({@link IndexMode#FILTERED}) or took one platform
 *     ({@link IndexMode#SINGLE_PLATFORM})
 * @param mediaType the media type of what was pushed at the top
 * @param platforms the platforms copied (empty for a single-platform source)
 * @param upToDate true when the destination already had everything and nothing was written
 * @param bytesTransferred bytes uploaded
 * @param blobsCopied blobs uploaded
 * @param blobsSkipped blobs the destination already had
 * @param blobsMounted blobs mounted from another repository of the destination registry
 * @param duration how long the copy took
 * @param sourceLocation where the image was read: the registry {@code source}, or the layout or archive
 *     ({@code source} is then the reference its name spells, see {@link ImageLocation})
 * @param destinationLocations every destination written: registries (as in {@code destinations}),
 *     layouts and archives
 * @since 0.1
 */
public record CopyResult(ImageReference source, Digest sourceDigest, List<ImageReference> destinations,
    Digest digest, String mediaType, List<Platform> platforms, boolean upToDate, long bytesTransferred,
    int blobsCopied, int blobsSkipped, int blobsMounted, Duration duration, ImageLocation sourceLocation,
    List<ImageLocation> destinationLocations) {
  /**
   * Validates the parts.
   *
   * @param source the source
   * @param sourceDigest the source digest
   * @param destinations the destinations
   * @param digest the destination digest
   * @param mediaType the media type
   * @param platforms the platforms
   * @param upToDate whether nothing was written
   * @param bytesTransferred bytes uploaded
   * @param blobsCopied blobs uploaded
   * @param blobsSkipped blobs skipped
   * @param blobsMounted blobs mounted
   * @param duration the duration
   * @param sourceLocation where the image was read
   * @param destinationLocations every destination written
   * @since 0.1
   */
  public CopyResult {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(sourceDigest, "sourceDigest");
    destinations = List.copyOf(destinations);
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(mediaType, "mediaType");
    platforms = List.copyOf(platforms);
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(sourceLocation, "sourceLocation");
    destinationLocations = List.copyOf(destinationLocations);
  }

  /**
   * The result of a copy between registries: the locations are {@code source} and {@code destinations}.
   *
   * @param source the source
   * @param sourceDigest the source digest
   * @param destinations the destinations
   * @param digest the destination digest
   * @param mediaType the media type
   * @param platforms the platforms
   * @param upToDate whether nothing was written
   * @param bytesTransferred bytes uploaded
   * @param blobsCopied blobs uploaded
   * @param blobsSkipped blobs skipped
   * @param blobsMounted blobs mounted
   * @param duration the duration
   * @since 0.1
   */
  public CopyResult(ImageReference source, Digest sourceDigest, List<ImageReference> destinations, Digest digest,
      String mediaType, List<Platform> platforms, boolean upToDate, long bytesTransferred, int blobsCopied,
      int blobsSkipped, int blobsMounted, Duration duration) {
    this(source, sourceDigest, destinations, digest, mediaType, platforms, upToDate, bytesTransferred, blobsCopied,
        blobsSkipped, blobsMounted, duration, ImageLocation.of(source),
        destinations.stream().map(ImageLocation::of).toList());
  }

  /**
   * {@return whether the destination digest differs from the source's (a filtered index or one platform)}
   *
   * @since 0.1
   */
  public boolean digestChanged() {
    return !digest.equals(sourceDigest);
  }

  /**
   * {@return the copy in words: where from and to (files as {@code oci-archive:/path/app.tar:app:1}), the
   * digest, and the work done}
   *
   * @since 0.1
   */
  @Override
  public String toString() {
    return "CopyResult{" + Locations.label(sourceLocation) + " -> " + destinationLocations.stream()
        .map(Locations::label).toList() + ", " + digest + (digestChanged() ? " (from " + sourceDigest + ")" : "")
        + ", " + (platforms.isEmpty() ? "" : platforms.size() + " platforms, ") + (upToDate ? "up to date"
        : blobsCopied + " blobs copied (" + bytesTransferred + " bytes), " + blobsSkipped + " skipped, "
        + blobsMounted + " mounted") + ", " + duration.toMillis() + " ms}";
  }
}
