package dev.ferry.internal.image;

import dev.ferry.manifest.Descriptor;
import dev.ferry.manifest.Manifest;
import dev.ferry.reference.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * Where a copy reads one named image: its top manifest, the manifests below it by
 * digest, and its blobs. Everything it hands out is verified against its digest
 * (manifests before they are returned, blobs as their stream reaches the end).
 *
 * <p>Thread-safety: implementations allow concurrent reads.
 */
public interface ImageSource extends AutoCloseable {
  /** {@return the manifest or index the name points at} */
  Manifest root();

  /**
   * {@return the digest of what the source holds under the name}: the root's, unless the
   * source has no manifest of its own (a legacy docker-archive: its image ID, the config digest)
   */
  default Digest sourceDigest() {
    return root().digest();
  }

  /** {@return a manifest or index below the root, by its descriptor, verified} */
  Manifest manifest(Descriptor descriptor);

  /**
   * Opens a blob from its start; reading to the end verifies its digest and size.
   *
   * @param blob the blob
   * @return its content; the caller closes it
   * @throws IOException if it cannot be read
   */
  InputStream openBlob(Descriptor blob) throws IOException;

  /** {@return the manifests that name this digest as their subject (OCI 1.1 referrers), none when the format has no place for them} */
  List<Descriptor> referrers(Digest subject);

  /**
   * The manifests under cosign's tags for this digest ({@code sha256-<hex>.sig}, {@code .att},
   * {@code .sbom}; see {@link Referrers#COSIGN_SUFFIXES}) where the source has them.
   *
   * @param subject the signed digest
   * @return descriptor by tag, in the order of the suffixes; empty when the format has no place for them
   */
  default Map<String, Descriptor> taggedReferrers(Digest subject) {
    return Map.of();
  }

  /** {@return the source for messages, e.g. {@code oci-archive:/tmp/a.tar:nginx:1.27}} */
  String describe();

  @Override
  default void close() {}
}
