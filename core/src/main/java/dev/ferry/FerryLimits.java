package dev.ferry;

/**
 * The limits Ferry applies to input it did not produce, in one place. Each one
 * defends against a hostile or broken peer (a registry, a file, a caller) and
 * each one is enforced with a typed {@link FerryException}, never an
 * {@code OutOfMemoryError} or a hang.
 *
 * @since 0.1
 */
public final class FerryLimits {
  /**
   * Largest manifest or index Ferry reads: 4 MiB, the limit containerd and the distribution spec use.
   *
   * @since 0.1
   */
  public static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

  /**
   * Longest image reference string accepted by {@code ImageReference.parse}.
   *
   * @since 0.1
   */
  public static final int MAX_REFERENCE_LENGTH = 4096;

  /**
   * Longest repository path (registry excluded), as in {@code distribution/reference}.
   *
   * @since 0.1
   */
  public static final int MAX_REPOSITORY_LENGTH = 255;

  /**
   * Longest tag: one word character followed by up to 127 word characters, dots and dashes.
   *
   * @since 0.1
   */
  public static final int MAX_TAG_LENGTH = 128;

  /**
   * Most child manifests an index may list.
   *
   * @since 0.1
   */
  public static final int MAX_INDEX_MANIFESTS = 10_000;

  /**
   * Most layers an image manifest may list (the Docker engine caps images at 127 layers; artifacts go higher).
   *
   * @since 0.1
   */
  public static final int MAX_MANIFEST_LAYERS = 10_000;

  /**
   * Deepest JSON nesting accepted in a manifest.
   *
   * @since 0.1
   */
  public static final int MAX_JSON_DEPTH = 64;

  /**
   * Most HTTP redirects followed for one request before it fails; a redirect
   * loop between two servers ends here.
   *
   * @since 0.1
   */
  public static final int MAX_REDIRECT_HOPS = 10;

  private FerryLimits() {}
}
