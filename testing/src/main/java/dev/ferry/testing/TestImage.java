package dev.ferry.testing;

import dev.ferry.manifest.Manifest;
import dev.ferry.manifest.Platform;
import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An image that {@link TestImages} pushed: where it is, its digest and manifest,
 * and for an index the digest of each platform's image. Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class TestImage {
  private final ImageReference reference;
  private final Manifest manifest;
  private final Map<Platform, Digest> platforms;
  private final List<Digest> layers;

  TestImage(ImageReference reference, Manifest manifest, Map<Platform, Digest> platforms, List<Digest> layers) {
    this.reference = Objects.requireNonNull(reference, "reference");
    this.manifest = Objects.requireNonNull(manifest, "manifest");
    this.platforms = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(platforms));
    this.layers = List.copyOf(layers);
  }

  /**
   * The reference it was pushed to.
   *
   * @return the tagged reference
   * @since 0.1
   */
  public ImageReference reference() {
    return reference;
  }

  /**
   * The same image by digest.
   *
   * @return the reference with the manifest digest
   * @since 0.1
   */
  public ImageReference byDigest() {
    return reference.withoutTag().withDigest(digest());
  }

  /**
   * The digest of the top manifest (the index for a multi-platform image).
   *
   * @return the digest
   * @since 0.1
   */
  public Digest digest() {
    return manifest.digest();
  }

  /**
   * The media type of the top manifest.
   *
   * @return an OCI or Docker manifest or index type
   * @since 0.1
   */
  public String mediaType() {
    return manifest.mediaType();
  }

  /**
   * The top manifest with its exact bytes.
   *
   * @return the manifest or index
   * @since 0.1
   */
  public Manifest manifest() {
    return manifest;
  }

  /**
   * Each platform and the digest of its image manifest, in push order.
   *
   * @return one entry for a single-platform image
   * @since 0.1
   */
  public Map<Platform, Digest> platforms() {
    return platforms;
  }

  /**
   * The digests of every layer of every platform.
   *
   * @return the layer digests
   * @since 0.1
   */
  public List<Digest> layers() {
    return layers;
  }

  @Override
  public String toString() {
    return "TestImage[" + reference + "@" + digest() + ", " + platforms.keySet() + "]";
  }
}
