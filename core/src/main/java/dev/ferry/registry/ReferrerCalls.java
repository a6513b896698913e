package dev.ferry.registry;

import dev.ferry.FerryLimits;
import dev.ferry.internal.auth.Scope;
import dev.ferry.internal.http.CallContext;
import dev.ferry.internal.http.Request;
import dev.ferry.internal.http.Response;
import dev.ferry.manifest.Descriptor;
import dev.ferry.manifest.ImageIndex;
import dev.ferry.manifest.Manifest;
import dev.ferry.manifest.MediaTypes;
import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The OCI 1.1 referrers API ({@code GET /v2/<name>/referrers/<digest>}), and for
 * registries without it the tag schema fallback: an index tagged
 * {@code sha256-<hex>} that lists the referrers.
 */
final class ReferrerCalls {
  private final Endpoint endpoint;
  private final ManifestCalls manifests;

  ReferrerCalls(Endpoint endpoint, ManifestCalls manifests) {
    this.endpoint = endpoint;
    this.manifests = manifests;
  }

  List<Descriptor> referrers(ImageReference repository, Digest subject, @Nullable String artifactType) {
    CallContext context = endpoint.context(repository);
    String query = artifactType == null ? "" : "?artifactType=" + URLEncoder.encode(artifactType, StandardCharsets.UTF_8);
    URI uri = endpoint.uri(repository.registry(), repository.repository() + "/referrers/" + subject + query);
    List<Descriptor> all = new ArrayList<>();
    Set<URI> seen = new HashSet<>();
    ListBudget budget = ListBudget.forReferrers();
    boolean filtered = true;
    while (uri != null && seen.add(uri)) {
      Request request = Request.of("GET", uri).header("Accept", MediaTypes.OCI_IMAGE_INDEX);
      budget.page(request, context);
      Response response = endpoint.send(request, context, List.of(Scope.pull(repository.repository())));
      if (response.status() == 404 && seen.size() == 1) {
        response.close();
        return fallback(repository, subject, artifactType);
      }
      if (response.status() != 200) {
        throw endpoint.failure(request, response, context);
      }
      filtered &= response.header("OCI-Filters-Applied").map(f -> f.contains("artifactType")).orElse(false);
      Optional<String> link = response.header("Link").flatMap(ListCalls::nextLink);
      String contentType = response.header("Content-Type").orElse(MediaTypes.OCI_IMAGE_INDEX);
      byte[] body;
      try (response) {
        body = Endpoint.readCapped(request, response, context,
            Math.min(FerryLimits.MAX_MANIFEST_BYTES, budget.bytesLeft()), "referrers index");
      }
      budget.bytes(request, context, body.length);
      Manifest index = Manifest.parse(body, contentType);
      if (!(index instanceof ImageIndex i)) {
        throw new RegistryProtocolException("the referrers API answered with a " + index.mediaType()
            + ", not an index", context.registry(), context.repository(), "GET",
            dev.ferry.internal.http.Urls.redact(uri));
      }
      budget.entries(request, context, i.manifests().size());
      all.addAll(i.manifests());
      uri = link.map(target -> endpoint.nextPage(request, context, target)).orElse(null);
    }
    return artifactType == null || filtered ? List.copyOf(all) : filter(all, artifactType);
  }

  private List<Descriptor> fallback(ImageReference repository, Digest subject, @Nullable String artifactType) {
    ImageReference tag = repository.withoutDigest().withTag(subject.algorithm() + "-" + subject.encoded());
    if (manifests.head(tag).isEmpty()) {
      return List.of();
    }
    Manifest index = manifests.fetch(tag);
    if (!(index instanceof ImageIndex i)) {
      return List.of();
    }
    return artifactType == null ? i.manifests() : filter(i.manifests(), artifactType);
  }

  private static List<Descriptor> filter(List<Descriptor> all, String artifactType) {
    return all.stream().filter(d -> d.artifactType().map(artifactType::equals).orElse(false)).toList();
  }
}
