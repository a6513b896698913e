package dev.ferry.manifest;

import dev.ferry.internal.Texts;
import dev.ferry.reference.Digest;
import dev.ferry.reference.DigestMismatchException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link Descriptor}. Values are checked as they are set.
 *
 * <p>Thread-safety: not thread-safe.
 *
 * @since 0.1
 */
public final class DescriptorBuilder {
  @Nullable String mediaType;
  @Nullable Digest digest;
  long size = -1;
  List<String> urls = List.of();
  SortedMap<String, String> annotations = new TreeMap<>();
  @Nullable Platform platform;
  @Nullable String artifactType;
  byte @Nullable [] data;

  DescriptorBuilder() {}

  /**
   * Sets the media type (required).
   *
   * @param mediaType a media type of the RFC 6838 form, without parameters
   * @return this builder
   * @throws IllegalArgumentException if the media type is malformed
   * @since 0.1
   */
  public DescriptorBuilder mediaType(String mediaType) {
    this.mediaType = checkMediaType(mediaType, "mediaType");
    return this;
  }

  /**
   * Sets the digest (required).
   *
   * @param digest the digest
   * @return this builder
   * @since 0.1
   */
  public DescriptorBuilder digest(Digest digest) {
    this.digest = Objects.requireNonNull(digest, "digest");
    return this;
  }

  /**
   * Sets the size (required).
   *
   * @param size the size in bytes
   * @return this builder
   * @throws IllegalArgumentException if the size is negative
   * @since 0.1
   */
  public DescriptorBuilder size(long size) {
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative, found " + size);
    }
    this.size = size;
    return this;
  }

  /**
   * Sets the download URLs, replacing any.
   *
   * @param urls RFC 3986 URIs, usually http or https
   * @return this builder
   * @throws IllegalArgumentException if one is not a URI
   * @since 0.1
   */
  public DescriptorBuilder urls(List<String> urls) {
    for (String url : List.copyOf(urls)) {
      try {
        new URI(url);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("not a URI: " + Texts.quote(url), e);
      }
    }
    this.urls = List.copyOf(urls);
    return this;
  }

  /**
   * Sets the annotations, replacing any.
   *
   * @param annotations the annotations; keys must not be empty
   * @return this builder
   * @throws IllegalArgumentException if a key is empty
   * @since 0.1
   */
  public DescriptorBuilder annotations(Map<String, String> annotations) {
    SortedMap<String, String> copy = new TreeMap<>();
    annotations.forEach((k, v) -> copy.put(checkKey(k), Objects.requireNonNull(v, "annotation value")));
    this.annotations = copy;
    return this;
  }

  /**
   * Sets one annotation, replacing its earlier value.
   *
   * @param key the key, not empty
   * @param value the value
   * @return this builder
   * @throws IllegalArgumentException if the key is empty
   * @since 0.1
   */
  public DescriptorBuilder annotation(String key, String value) {
    annotations.put(checkKey(key), Objects.requireNonNull(value, "value"));
    return this;
  }

  /**
   * Sets the platform.
   *
   * @param platform the platform
   * @return this builder
   * @since 0.1
   */
  public DescriptorBuilder platform(Platform platform) {
    this.platform = Objects.requireNonNull(platform, "platform");
    return this;
  }

  /**
   * Removes the platform.
   *
   * @return this builder
   * @since 0.1
   */
  public DescriptorBuilder clearPlatform() {
    this.platform = null;
    return this;
  }

  /**
   * Sets the artifact type.
   *
   * @param artifactType a media type of the RFC 6838 form
   * @return this builder
   * @throws IllegalArgumentException if it is malformed
   * @since 0.1
   */
  public DescriptorBuilder artifactType(String artifactType) {
    this.artifactType = checkMediaType(artifactType, "artifactType");
    return this;
  }

  /**
   * Removes the artifact type.
   *
   * @return this builder
   * @since 0.1
   */
  public DescriptorBuilder clearArtifactType() {
    this.artifactType = null;
    return this;
  }

  /**
   * Embeds the content; {@link #build()} checks it against the digest and size.
   *
   * @param data the content, copied
   * @return this builder
   * @since 0.1
   */
  public DescriptorBuilder data(byte[] data) {
    this.data = Objects.requireNonNull(data, "data").clone();
    return this;
  }

  /**
   * Removes the embedded content.
   *
   * @return this builder
   * @since 0.1
   */
  public DescriptorBuilder clearData() {
    this.data = null;
    return this;
  }

  /**
   * Builds the descriptor.
   *
   * @return the descriptor
   * @throws IllegalStateException if the media type, digest or size was not set
   * @throws DigestMismatchException if embedded data does not have the digest and size
   * @since 0.1
   */
  public Descriptor build() {
    if (mediaType == null || digest == null || size < 0) {
      throw new IllegalStateException("a descriptor needs a mediaType, a digest and a size");
    }
    return new Descriptor(this);
  }

  private static String checkMediaType(String value, String what) {
    Objects.requireNonNull(value, what);
    if (!MediaTypes.isWellFormed(value)) {
      throw new IllegalArgumentException(what + " must be a media type of the form type/subtype"
          + " (RFC 6838), found " + Texts.quote(value));
    }
    return value;
  }

  private static String checkKey(String key) {
    if (Objects.requireNonNull(key, "annotation key").isEmpty()) {
      throw new IllegalArgumentException("annotation keys must not be empty");
    }
    return key;
  }
}
