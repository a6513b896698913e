package dev.ferry.copy;

import dev.ferry.FerryException;
import dev.ferry.manifest.Descriptor;
import dev.ferry.manifest.Manifest;
import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryException;
import org.jspecify.annotations.Nullable;

/**
 * Where in a copy a step works, for the {@link CopyException} if it fails: the part,
 * the registry and repository it touches (the source's for reads, a destination's for
 * writes; none for an image outside registries), and the words the message uses.
 */
record CopySite(CopyException.Part part, @Nullable String registry, @Nullable String repository,
    @Nullable Digest digest, @Nullable String tag, String item) {

  private CopySite(CopyException.Part part, ImageReference at, @Nullable Digest digest, @Nullable String tag,
      String item) {
    this(part, at.registry(), at.repository(), digest, tag, item);
  }

  /** A step outside any registry (an OCI layout, an archive): a registry failure underneath still says where. */
  static CopySite elsewhere(CopyException.Part part, @Nullable Digest digest, String item) {
    return new CopySite(part, null, null, digest, null, item);
  }

  static CopySite sourceManifest(ImageReference source) {
    return new CopySite(CopyException.Part.MANIFEST, source, source.digest().orElse(null),
        source.tag().orElse(null), "manifest " + source);
  }

  static CopySite childManifest(ImageReference child, Digest digest) {
    return new CopySite(CopyException.Part.MANIFEST, child, digest, null, "manifest " + child);
  }

  static CopySite blob(ImageReference source, ImageReference destination, Descriptor blob) {
    return blob(source, destination.toString(), blob);
  }

  /** A blob from a registry to a destination named in words (a registry, or a layout or archive). */
  static CopySite blob(ImageReference source, String destination, Descriptor blob) {
    return new CopySite(CopyException.Part.BLOB, source, blob.digest(), null, blobItem(source.toString(),
        destination, blob));
  }

  /** A blob read from a layout or archive: no registry unless the failure (a destination's refusal) names one. */
  static CopySite blobElsewhere(String source, String destination, Descriptor blob) {
    return elsewhere(CopyException.Part.BLOB, blob.digest(), blobItem(source, destination, blob));
  }

  private static String blobItem(String source, String destination, Descriptor blob) {
    return "blob " + blob.digest() + " (" + blob.size() + " bytes) from " + source + " to " + destination;
  }

  /** A HEAD of a destination tag (or digest) to learn whether the copy is needed. */
  static CopySite check(ImageReference target, Digest expected) {
    return new CopySite(target.tag().isPresent() ? CopyException.Part.TAG : CopyException.Part.MANIFEST, target,
        expected, target.tag().orElse(null), "manifest " + target);
  }

  /** A manifest written by digest, or under a tag (then the failing part is the tag). */
  static CopySite push(ImageReference destination, Manifest manifest) {
    boolean tagged = destination.tag().isPresent();
    return new CopySite(tagged ? CopyException.Part.TAG : CopyException.Part.MANIFEST, destination, manifest.digest(),
        destination.tag().orElse(null), "manifest " + manifest.digest() + " to " + destination);
  }

  static CopySite referrers(ImageReference source, Digest subject) {
    return new CopySite(CopyException.Part.REFERRERS, source, subject, null, "referrers of " + subject);
  }

  /**
   * The copy's failure here; the failing side's registry and repository come from the cause when it knows them.
   *
   * @param copySource what the whole copy reads, as the message names it
   */
  CopyException failed(Object copySource, FerryException cause) {
    String failedRegistry = registry;
    String failedRepository = repository;
    if (cause instanceof RegistryException r) {
      failedRegistry = r.registry();
      failedRepository = r.repository().orElse(r.registry().equals(registry) ? repository : null);
    }
    return new CopyException("copying " + copySource + " failed at " + item + ": " + cause.getMessage(), this,
        failedRegistry, failedRepository, cause);
  }
}
