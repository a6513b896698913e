package dev.ferry.manifest;

import dev.ferry.reference.Digest;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * A manifest as a registry serves it: an {@link ImageManifest} (one image) or an
 * {@link ImageIndex} (a list of manifests, usually one per platform), of the OCI
 * or the Docker kind. The raw bytes are kept and are the truth: {@link #digest()}
 * is the SHA-256 of exactly those bytes, and Ferry never re-serialises them.
 *
 * <pre>{@code
 * Manifest m = Manifest.parse(body, response.contentType(), requestedDigest);
 * if (m instanceof ImageIndex index) {
 *   Descriptor child = index.require(PlatformMatcher.compatible(host));
 * } else if (m instanceof ImageManifest image) {
 *   image.blobs().forEach(...);
 * }
 * }</pre>
 *
 * <p>Two manifests are equal when their media types and bytes are equal.
 *
 * <p>Thread-safety: implementations are immutable.
 *
 * @since 0.1
 */
public sealed interface Manifest permits ImageManifest, ImageIndex {
  /**
   * Parses a manifest of any supported kind. Its kind is decided this way:
   * <ol>
   *   <li>More than {@link dev.ferry.FerryLimits#MAX_MANIFEST_BYTES} bytes: refused before parsing.
   *   <li>The {@code Content-Type} is compared without parameters and case. Schema 1
   *       types are refused; other types that are neither a manifest type nor generic
   *       (empty, {@code application/json}, {@code text/plain},
   *       {@code application/octet-stream}, {@code *}{@code /*}) are refused.
   *   <li>A document that looks like schema 1 ({@code schemaVersion} 1, {@code fsLayers},
   *       or {@code signatures}) is refused whatever the {@code Content-Type} said.
   *   <li>A manifest {@code Content-Type} must agree with the document's {@code mediaType}
   *       field when there is one. With a generic one the {@code mediaType} field
   *       decides, and without it the shape: {@code manifests} makes an OCI index,
   *       {@code config} or {@code layers} an OCI image manifest.
   *   <li>A document with both {@code manifests} and {@code config} or {@code layers} is
   *       refused as ambiguous, and {@code schemaVersion} must be 2.
   * </ol>
   * A Docker manifest list whose children are OCI manifests is accepted, as
   * registries accept it; {@link IndexBuilder} never writes one.
   *
   * @param bytes the exact bytes served; copied, not modified
   * @param contentType the {@code Content-Type} they were served with; parameters
   *     are ignored; may be empty or generic
   * @return the manifest
   * @throws InvalidManifestException if the document is malformed, breaks a rule or a limit
   * @throws UnsupportedManifestException if it is Docker schema 1 or of an unknown type
   * @since 0.1
   */
  static Manifest parse(byte[] bytes, String contentType) {
    return ManifestParser.parse(bytes, contentType);
  }

  /**
   * Parses a manifest that must have an expected digest, such as one fetched by
   * digest. The bytes are checked first; {@link #digest()} of the result is still
   * the SHA-256 of the bytes, which equals {@code expected} when that is SHA-256
   * (for a SHA-512 {@code expected}, compare with {@code expected} yourself).
   *
   * @param bytes the exact bytes served; copied, not modified
   * @param contentType the {@code Content-Type} they were served with, possibly empty
   * @param expected the digest the bytes must have, of any supported algorithm
   * @return the manifest
   * @throws dev.ferry.reference.DigestMismatchException if the bytes do not hash to {@code expected}
   * @throws InvalidManifestException if the document is too large, malformed, or breaks a rule
   * @throws UnsupportedManifestException if it is Docker schema 1 or of an unknown type
   * @since 0.1
   */
  static Manifest parse(byte[] bytes, String contentType, Digest expected) {
    return ManifestParser.parse(bytes, contentType, expected);
  }

  /**
   * The media type: one of the four types of {@link MediaTypes#MANIFEST_ACCEPT},
   * as decided from the {@code Content-Type}, the document's {@code mediaType} or its shape.
   *
   * @return the media type
   * @since 0.1
   */
  String mediaType();

  /**
   * The SHA-256 digest of {@link #bytes()}.
   *
   * @return the digest
   * @since 0.1
   */
  Digest digest();

  /**
   * The number of bytes.
   *
   * @return the size
   * @since 0.1
   */
  long size();

  /**
   * The exact bytes of the document.
   *
   * @return a copy of the bytes
   * @since 0.1
   */
  byte[] bytes();

  /**
   * The {@code schemaVersion} field; always 2 for the supported kinds.
   *
   * @return the schema version
   * @since 0.1
   */
  int schemaVersion();

  /**
   * The document's own annotations.
   *
   * @return an unmodifiable map sorted by key, often empty
   * @since 0.1
   */
  SortedMap<String, String> annotations();

  /**
   * The manifest this one refers to (OCI 1.1 {@code subject}, used by the referrers API).
   *
   * @return the subject, or empty
   * @since 0.1
   */
  Optional<Descriptor> subject();

  /**
   * The artifact type (OCI 1.1 {@code artifactType}).
   *
   * @return the artifact type, or empty
   * @since 0.1
   */
  Optional<String> artifactType();

  /**
   * Every descriptor this manifest points to: for an image manifest its config,
   * its layers and its subject; for an index its children and its subject.
   *
   * @return an unmodifiable list in document order, the subject last
   * @since 0.1
   */
  List<Descriptor> references();

  /**
   * A descriptor of this manifest, to put in an index or a {@code subject}: its
   * media type, digest and size, and its artifact type when it has one.
   *
   * @return the descriptor
   * @since 0.1
   */
  default Descriptor descriptor() {
    DescriptorBuilder builder = Descriptor.builder().mediaType(mediaType()).digest(digest()).size(size());
    artifactType().ifPresent(builder::artifactType);
    return builder.build();
  }
}
