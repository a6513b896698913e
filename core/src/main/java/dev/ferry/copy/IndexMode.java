package dev.ferry.copy;

/**
 * What a copy does with a multi-platform index.
 *
 * @since 0.1
 */
public enum IndexMode {
  /**
   * The whole index and every child, byte for byte: the destination digest
   * equals the source digest. Copies every platform, so the selection must be
   * {@link PlatformSelection#all()}.
   */
  PRESERVE_ORIGINAL,
  /**
   * The one child that best matches the selected platform, pushed alone under the
   * tag (what {@code skopeo copy} without {@code --all} does). With
   * {@link PlatformSelection#all()} the best match for the current host is taken.
   */
  SINGLE_PLATFORM,
  /**
   * A new index holding only the selected platforms (and their attestations): a
   * new digest, reported in the result. Never a sparse index that lists children
   * the destination lacks.
   */
  FILTERED
}
