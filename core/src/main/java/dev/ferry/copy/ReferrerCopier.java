package dev.ferry.copy;

import dev.ferry.internal.image.Referrers;
import dev.ferry.manifest.Descriptor;
import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryClient;
import java.util.List;

/**
 * Copies what refers to a copied digest: the referrers the OCI 1.1 API (or its
 * tag fallback) lists, and cosign's {@code sha256-<hex>.sig/.att/.sbom} tags.
 * Each is an ordinary copy, so blobs are skipped or mounted as usual.
 */
final class ReferrerCopier {
  /** The referrers tag fallback's index ({@code sha256-<hex>}), then cosign's tags. */
  private static final List<String> TAG_SUFFIXES = java.util.stream.Stream.concat(java.util.stream.Stream.of(""),
      Referrers.COSIGN_SUFFIXES.stream()).toList();

  private final CopyOperation op;
  private final RegistryClient client;
  /** The caller's client, for the nested copies: each reports its retries to the listener itself. */
  private final RegistryClient given;

  ReferrerCopier(CopyOperation op, RegistryClient client, RegistryClient given) {
    this.op = op;
    this.client = client;
    this.given = given;
  }

  void copy(Digest subject, List<ImageReference> destinationRepositories) {
    ImageReference source = op.source.withoutTag().withoutDigest();
    List<Descriptor> referrers = client.referrers(source, subject, null);
    for (ImageReference destination : destinationRepositories) {
      for (Descriptor referrer : referrers) {
        nested(source.withDigest(referrer.digest()), destination);
      }
      for (String suffix : TAG_SUFFIXES) {
        ImageReference tagged = source.withTag(Referrers.tag(subject, suffix));
        if (client.headManifest(tagged).isPresent()) {
          nested(tagged, destination.withTag(tagged.tag().orElseThrow()));
        }
      }
    }
  }

  private void nested(ImageReference from, ImageReference to) {
    // referrers are copied whole and as they are: their own digests are what signatures name
    op.withSettingsOn(CopyOperation.from(from).to(to))
        .platforms(PlatformSelection.all())
        .indexMode(IndexMode.PRESERVE_ORIGINAL)
        .includeReferrers(false)
        .execute(given);
  }
}
