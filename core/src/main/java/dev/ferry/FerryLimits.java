package dev.ferry;

import java.time.Duration;

/**
 * The limits Ferry applies to input it did not produce, in one place. Each one
 * defends against a hostile or broken peer (a registry, a file, a caller) and
 * each one is enforced with a typed {@link FerryException}, never an
 * {@code OutOfMemoryError} or a hang. A limit that is reached is always an
 * error, never a silent truncation: a caller (a mirror that prunes, say) must not
 * mistake part of a list for all of it.
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

  /**
   * Most JSON values Ferry keeps from one manifest, index or referrers page: objects,
   * arrays, strings, numbers alike. Fields Ferry does not know are read through
   * without being kept and do not count; this caps the heap one manifest can take
   * whatever its known fields hold.
   *
   * @since 0.1
   */
  public static final int MAX_MANIFEST_VALUES = 250_000;

  /**
   * Most entries of one {@code annotations} object (a manifest's own, or one descriptor's).
   *
   * @since 0.1
   */
  public static final int MAX_ANNOTATIONS = 4_096;

  /**
   * Most bytes (UTF-8, keys and values) of all annotations of one manifest together:
   * 2 MiB, room for cosign signatures, certificates and bundles on many layers.
   *
   * @since 0.1
   */
  public static final int MAX_ANNOTATION_BYTES = 2 * 1024 * 1024;

  /**
   * Most {@code urls} of one descriptor.
   *
   * @since 0.1
   */
  public static final int MAX_DESCRIPTOR_URLS = 256;

  /**
   * Most {@code os.features} of one platform.
   *
   * @since 0.1
   */
  public static final int MAX_PLATFORM_FEATURES = 256;

  /**
   * Most tags (or repositories) one full listing returns, over all its pages.
   *
   * @since 0.1
   */
  public static final int MAX_LIST_ENTRIES = 250_000;

  /**
   * Most bytes of list bodies read for one listing of tags, repositories or referrers,
   * over all its pages (and so the largest single page): 16 MiB.
   *
   * @since 0.1
   */
  public static final int MAX_LIST_BYTES = 16 * 1024 * 1024;

  /**
   * Most pages followed for one listing of tags, repositories or referrers, against a
   * registry whose {@code Link} headers never end: 1,000 pages, room for
   * {@link #MAX_LIST_ENTRIES} at 250 entries a page.
   *
   * @since 0.1
   */
  public static final int MAX_LIST_PAGES = 1_000;

  /**
   * Most referrers listed for one subject, over all pages.
   *
   * @since 0.1
   */
  public static final int MAX_REFERRERS = 10_000;

  /**
   * Largest token server answer read: 1 MiB (JWTs with many scopes reach tens of KiB).
   *
   * @since 0.1
   */
  public static final int MAX_TOKEN_RESPONSE_BYTES = 1024 * 1024;

  /**
   * How long a small body (a manifest, a token answer, an error body, a list page) may
   * take to arrive whole, once its headers are in: 60 s, the default of
   * {@code RegistryClientBuilder.smallBodyTimeout}. A peer that drips one byte at a time
   * keeps the connection's idle timeout from ever firing; this deadline does not reset.
   * Blobs have no such deadline: a slow multi-GB layer that keeps moving is never cut.
   *
   * @since 0.1
   */
  public static final Duration SMALL_BODY_TIMEOUT = Duration.ofSeconds(60);

  private FerryLimits() {}
}
