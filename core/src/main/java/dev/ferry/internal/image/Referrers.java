package dev.ferry.internal.image;

import dev.ferry.manifest.Manifest;
import dev.ferry.reference.Digest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What refers to a copied image, named together with it: OCI 1.1 referrers (manifests whose
 * {@code subject} is the image, found by that subject) and cosign's tag-schema manifests,
 * found by tags such as {@code sha256-<hex>.sig}. A registry lists the first through its
 * referrers API (or the {@code sha256-<hex>} index of the tag fallback) and tags the second;
 * a layout lists the first as unnamed {@code index.json} entries, as oras does, and the second
 * under their tags as ref names.
 *
 * @param bySubject manifests whose subject is the image
 * @param byTag manifests by their cosign tag, in a stable order
 */
public record Referrers(List<Manifest> bySubject, Map<String, Manifest> byTag) {
  /** The tags cosign gives a signature, an attestation and an SBOM of {@code sha256:<hex>}: {@code sha256-<hex><suffix>}. */
  public static final List<String> COSIGN_SUFFIXES = List.of(".sig", ".att", ".sbom");

  /**
   * Copies both.
   *
   * @param bySubject manifests whose subject is the image
   * @param byTag manifests by their cosign tag
   */
  public Referrers {
    bySubject = List.copyOf(bySubject);
    byTag = Collections.unmodifiableMap(new LinkedHashMap<>(byTag));
  }

  /** {@return no referrers} */
  public static Referrers none() {
    return new Referrers(List.of(), Map.of());
  }

  /** {@return whether there are none} */
  public boolean isEmpty() {
    return bySubject.isEmpty() && byTag.isEmpty();
  }

  /**
   * The tag of the cosign schema for a subject.
   *
   * @param subject the signed digest
   * @param suffix one of {@link #COSIGN_SUFFIXES}, or empty for the referrers tag fallback's index
   * @return e.g. {@code sha256-<hex>.sig}
   */
  public static String tag(Digest subject, String suffix) {
    return subject.algorithm() + "-" + subject.encoded() + suffix;
  }
}
