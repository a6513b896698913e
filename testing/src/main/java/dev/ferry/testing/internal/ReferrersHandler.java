package dev.ferry.testing.internal;

import dev.ferry.FerryException;
import dev.ferry.manifest.Descriptor;
import dev.ferry.manifest.ImageManifest;
import dev.ferry.manifest.Manifest;
import dev.ferry.manifest.MediaTypes;
import dev.ferry.reference.Digest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /v2/<name>/referrers/<digest>}: the manifests whose {@code subject} is the
 * digest, as an OCI index, optionally filtered by {@code artifactType}. Switched
 * off, the endpoint answers 404 as a registry without it does.
 */
final class ReferrersHandler {
  private final Registry registry;

  ReferrersHandler(Registry registry) {
    this.registry = registry;
  }

  void handle(Call call, String repository, String reference) throws IOException {
    if (!registry.referrers()) {
      throw ApiError.notFound("/v2/" + repository + "/referrers/" + reference);
    }
    if (!"GET".equals(call.method()) && !"HEAD".equals(call.method())) {
      throw ApiError.unsupported(call.method() + " on referrers");
    }
    Digest subject = Digests.parse(reference);
    Optional<String> filter = call.query("artifactType").filter(s -> !s.isEmpty());
    List<String> entries = new ArrayList<>();
    Storage storage = registry.storage();
    for (Digest digest : storage.manifests(repository)) {
      Optional<String> mediaType = storage.manifestType(repository, digest);
      if (mediaType.isEmpty()) {
        continue;
      }
      Manifest manifest;
      try {
        manifest = Manifest.parse(storage.readBlob(digest), mediaType.get());
      } catch (FerryException | IOException e) {
        continue;
      }
      if (manifest.subject().map(Descriptor::digest).filter(subject::equals).isEmpty()) {
        continue;
      }
      String artifactType = manifest.artifactType()
          .orElse(manifest instanceof ImageManifest image ? image.config().mediaType() : "");
      if (filter.isPresent() && !filter.get().equals(artifactType)) {
        continue;
      }
      entries.add(entry(manifest, artifactType));
    }
    filter.ifPresent(f -> call.set("OCI-Filters-Applied", "artifactType"));
    call.send(200, MediaTypes.OCI_IMAGE_INDEX, ("{\"schemaVersion\":2,\"mediaType\":"
        + Json.string(MediaTypes.OCI_IMAGE_INDEX) + ",\"manifests\":[" + String.join(",", entries) + "]}")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static String entry(Manifest manifest, String artifactType) {
    StringBuilder out = new StringBuilder("{\"mediaType\":").append(Json.string(manifest.mediaType()))
        .append(",\"digest\":").append(Json.string(manifest.digest().toString()))
        .append(",\"size\":").append(manifest.size());
    if (!artifactType.isEmpty()) {
      out.append(",\"artifactType\":").append(Json.string(artifactType));
    }
    if (!manifest.annotations().isEmpty()) {
      List<String> pairs = new ArrayList<>();
      for (Map.Entry<String, String> e : manifest.annotations().entrySet()) {
        pairs.add(Json.string(e.getKey()) + ":" + Json.string(e.getValue()));
      }
      out.append(",\"annotations\":{").append(String.join(",", pairs)).append('}');
    }
    return out.append('}').toString();
  }
}
