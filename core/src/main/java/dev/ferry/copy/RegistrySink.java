package dev.ferry.copy;

import dev.ferry.internal.image.ImageSink;
import dev.ferry.internal.image.Referrers;
import dev.ferry.manifest.Descriptor;
import dev.ferry.manifest.Manifest;
import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.BlobPushOptions;
import dev.ferry.registry.BlobSource;
import dev.ferry.registry.RegistryClient;
import dev.ferry.registry.UploadMode;
import dev.ferry.manifest.IndexBuilder;
import java.util.List;
import java.util.Optional;

/**
 * A registry as a copy destination for images from files. Blobs and child manifests
 * are visible by digest once pushed, as in any registry copy; the tag comes last.
 */
final class RegistrySink implements ImageSink {
  private final RegistryClient client;
  private final ImageReference target;
  private final ImageReference repository;

  /** @param target the destination with a tag, or with neither tag nor digest (written by digest) */
  RegistrySink(RegistryClient client, ImageReference target) {
    this.client = client;
    this.target = target;
    this.repository = target.withoutTag().withoutDigest();
  }

  @Override
  public Optional<Digest> current() {
    if (target.tag().isEmpty() && target.digest().isEmpty()) {
      return Optional.empty();
    }
    return client.headManifest(target).map(Descriptor::digest);
  }

  @Override
  public boolean hasBlob(Descriptor blob) {
    return client.headBlob(repository, blob.digest()).isPresent();
  }

  @Override
  public void writeBlob(Descriptor blob, BlobSource content) {
    UploadMode mode = blob.size() <= BlobCopier.MONOLITHIC_LIMIT ? UploadMode.MONOLITHIC : UploadMode.STREAMED;
    client.pushBlob(repository, blob, content, BlobPushOptions.defaults().mode(mode));
  }

  @Override
  public void writeManifest(Manifest manifest) {
    client.pushManifest(repository.withDigest(manifest.digest()), manifest);
  }

  // The referrers were pushed by digest; cosign's get their tags. Where the registry has no referrers
  // API (it does not list a new referrer), the referrers tag schema's index <alg>-<hex> is updated
  // as the OCI distribution spec asks of clients.
  @Override
  public void nameReferrers(Referrers referrers) {
    referrers.bySubject().forEach(this::listReferrer);
    referrers.byTag().forEach((tag, manifest) -> client.pushManifest(repository.withTag(tag), manifest));
  }

  private void listReferrer(Manifest referrer) {
    Optional<Descriptor> subject = referrer.subject();
    if (subject.isEmpty()) {
      return;
    }
    Digest of = subject.get().digest();
    List<Descriptor> listed = client.referrers(repository, of, null);
    if (listed.stream().anyMatch(d -> d.digest().equals(referrer.digest()))) {
      return;
    }
    IndexBuilder index = IndexBuilder.oci();
    listed.forEach(index::add);
    Descriptor entry = referrer.descriptor();
    if (!referrer.annotations().isEmpty()) {
      entry = entry.withAnnotations(referrer.annotations());
    }
    index.add(entry);
    client.pushManifest(repository.withTag(Referrers.tag(of, "")), index.build());
  }

  @Override
  public void commit(Manifest top, Referrers referrers) {
    client.pushManifest(written(top), top);
    nameReferrers(referrers);
  }

  /** The destination as given: a tag, or neither tag nor digest. */
  ImageReference target() {
    return target;
  }

  /** Where the top manifest goes: the tag, or its digest when the destination names neither. */
  ImageReference written(Manifest top) {
    return target.tag().isEmpty() && target.digest().isEmpty() ? target.withDigest(top.digest()) : target;
  }

  @Override
  public boolean concurrentWrites() {
    return true;
  }

  @Override
  public String describe() {
    return target.toString();
  }

  @Override
  public void close() {
    // a registry keeps what was pushed by digest; without the tag it names nothing new
  }
}
