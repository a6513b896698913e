package dev.ferry.testing.internal;

import dev.ferry.FerryException;
import dev.ferry.FerryLimits;
import dev.ferry.manifest.Descriptor;
import dev.ferry.manifest.ImageIndex;
import dev.ferry.manifest.ImageManifest;
import dev.ferry.manifest.Manifest;
import dev.ferry.reference.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * {@code /v2/<name>/manifests/<reference>}: GET, HEAD, PUT and DELETE by tag or
 * digest. A PUT is refused unless everything it references is in the repository:
 * the config and layers of an image manifest, the children of an index.
 */
final class ManifestHandler {
  private final Registry registry;

  ManifestHandler(Registry registry) {
    this.registry = registry;
  }

  void handle(Call call, String repository, String reference) throws IOException {
    boolean byDigest = Digests.looksLikeDigest(reference);
    if (!byDigest && !Names.validTag(reference)) {
      throw new ApiError(400, "TAG_INVALID", "invalid tag: " + reference);
    }
    switch (call.method()) {
      case "GET", "HEAD" -> get(call, repository, reference, byDigest);
      case "PUT" -> put(call, repository, reference, byDigest);
      case "DELETE" -> delete(call, repository, reference, byDigest);
      default -> throw ApiError.unsupported(call.method() + " on a manifest");
    }
  }

  private void get(Call call, String repository, String reference, boolean byDigest) throws IOException {
    Storage storage = registry.storage();
    Digest digest = byDigest ? Digests.parse(reference)
        : storage.resolve(repository, reference).orElseThrow(() -> ApiError.manifestUnknown(reference));
    String mediaType = storage.manifestType(repository, digest)
        .orElseThrow(() -> ApiError.manifestUnknown(reference));
    byte[] bytes = storage.readBlob(digest);
    call.set("Docker-Content-Digest", digest.toString()).set("ETag", "\"" + digest + "\"");
    call.send(200, mediaType, bytes);
  }

  private void put(Call call, String repository, String reference, boolean byDigest) throws IOException {
    byte[] bytes = readLimited(call.body());
    Digest digest = byDigest ? Digests.parse(reference) : Digest.sha256(bytes);
    if (byDigest && !digest.matches(bytes)) {
      throw ApiError.digestInvalid("the manifest does not hash to " + reference);
    }
    Manifest manifest;
    try {
      manifest = Manifest.parse(bytes, call.header("Content-Type").orElse(""));
    } catch (FerryException e) {
      throw ApiError.manifestInvalid(e.getMessage());
    }
    requireReferences(repository, manifest);
    Storage storage = registry.storage();
    if (!byDigest && registry.immutableTags()) {
      Optional<Digest> tagged = storage.resolve(repository, reference);
      if (tagged.isPresent() && !tagged.get().equals(digest)) {
        throw new ApiError(400, "TAG_INVALID", "the tag " + reference + " is immutable and already holds "
            + tagged.get());
      }
    }
    storage.putBlob(digest, bytes);
    storage.putManifest(repository, digest, manifest.mediaType());
    if (!byDigest) {
      storage.tag(repository, reference, digest);
    }
    if (registry.referrers()) {
      manifest.subject().ifPresent(subject -> call.set("OCI-Subject", subject.digest().toString()));
    }
    call.set("Location", "/v2/" + repository + "/manifests/" + digest)
        .set("Docker-Content-Digest", digest.toString())
        .send(201);
  }

  private void requireReferences(String repository, Manifest manifest) throws IOException {
    Storage storage = registry.storage();
    if (manifest instanceof ImageManifest image) {
      for (Descriptor blob : image.blobs()) {
        if (!blob.isForeign() && !storage.linked(repository, blob.digest())) {
          throw ApiError.manifestBlobUnknown(blob.digest());
        }
      }
    } else if (manifest instanceof ImageIndex index) {
      for (Descriptor child : index.manifests()) {
        if (storage.manifestType(repository, child.digest()).isEmpty()) {
          throw ApiError.manifestBlobUnknown(child.digest());
        }
      }
    }
  }

  private void delete(Call call, String repository, String reference, boolean byDigest) throws IOException {
    Storage storage = registry.storage();
    boolean deleted = byDigest ? storage.deleteManifest(repository, Digests.parse(reference))
        : storage.untag(repository, reference);
    if (!deleted) {
      throw ApiError.manifestUnknown(reference);
    }
    call.send(202);
  }

  private static byte[] readLimited(InputStream body) throws IOException {
    byte[] bytes = body.readNBytes(FerryLimits.MAX_MANIFEST_BYTES + 1);
    if (bytes.length > FerryLimits.MAX_MANIFEST_BYTES) {
      throw new ApiError(413, "SIZE_INVALID", "manifest larger than " + FerryLimits.MAX_MANIFEST_BYTES + " bytes");
    }
    return bytes;
  }
}
