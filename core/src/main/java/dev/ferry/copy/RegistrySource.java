package dev.ferry.copy;

import dev.ferry.internal.image.ImageSource;
import dev.ferry.internal.image.Referrers;
import dev.ferry.manifest.Descriptor;
import dev.ferry.manifest.Manifest;
import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryClient;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An image in a registry as a copy source for files: every read goes through the client, verified. */
final class RegistrySource implements ImageSource {
  private final RegistryClient client;
  private final ImageReference reference;
  private final ImageReference repository;

  RegistrySource(RegistryClient client, ImageReference reference) {
    this.client = client;
    this.reference = reference;
    this.repository = reference.withoutTag().withoutDigest();
  }

  @Override
  public Manifest root() {
    return client.fetchManifest(reference);
  }

  @Override
  public Manifest manifest(Descriptor descriptor) {
    return client.fetchManifest(repository.withDigest(descriptor.digest()));
  }

  @Override
  public InputStream openBlob(Descriptor blob) {
    return client.openBlob(repository, blob);
  }

  @Override
  public List<Descriptor> referrers(Digest subject) {
    return client.referrers(repository, subject, null);
  }

  @Override
  public Map<String, Descriptor> taggedReferrers(Digest subject) {
    Map<String, Descriptor> found = new LinkedHashMap<>();
    for (String suffix : Referrers.COSIGN_SUFFIXES) {
      String tag = Referrers.tag(subject, suffix);
      client.headManifest(repository.withTag(tag)).ifPresent(d -> found.put(tag, d));
    }
    return found;
  }

  @Override
  public String describe() {
    return reference.toString();
  }
}
