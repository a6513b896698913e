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
 * the image it touches (the source for reads, a destination for writes), and the words
 * the message uses.
 */
record CopySite(CopyException.Part part, ImageReference at, @Nullable Digest digest, @Nullable String tag,
    String item) {

  static CopySite sourceManifest(ImageReference source) {
    return new CopySite(CopyException.Part.MANIFEST, source, source.digest().orElse(null),
        source.tag().orElse(null), "manifest " + source);
  }

  static CopySite childManifest(ImageReference child, Digest digest) {
    return new CopySite(CopyException.Part.MANIFEST, child, digest, null, "manifest " + child);
  }

  static CopySite blob(ImageReference source, ImageReference destination, Descriptor blob) {
    return new CopySite(CopyException.Part.BLOB, source, blob.digest(), null,
        "blob " + blob.digest() + " (" + blob.size() + " bytes) from " + source + " to " + destination);
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

  /** The copy's failure here; the failing side's registry and repository come from the cause when it knows them. */
  CopyException failed(ImageReference copySource, FerryException cause) {
    String registry = at.registry();
    String repository = at.repository();
    if (cause instanceof RegistryException r) {
      registry = r.registry();
      repository = r.repository().orElse(repository);
    }
    return new CopyException("copying " + copySource + " failed at " + item + ": " + cause.getMessage(), this,
        registry, repository, cause);
  }
}
