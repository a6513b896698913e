package dev.ferry.registry;

import dev.ferry.FerryLimits;
import dev.ferry.internal.auth.Scope;
import dev.ferry.internal.http.CallContext;
import dev.ferry.internal.http.Request;
import dev.ferry.internal.http.RequestBody;
import dev.ferry.internal.http.Response;
import dev.ferry.internal.http.Urls;
import dev.ferry.manifest.Descriptor;
import dev.ferry.manifest.Manifest;
import dev.ferry.manifest.MediaTypes;
import dev.ferry.reference.Digest;
import dev.ferry.reference.DigestMismatchException;
import dev.ferry.reference.ImageReference;
import dev.ferry.reference.InvalidDigestException;
import java.util.List;
import java.util.Optional;

/** The manifest endpoints: {@code /v2/<name>/manifests/<reference>} GET, HEAD, PUT, DELETE. */
final class ManifestCalls {
  static final String ACCEPT = String.join(", ", MediaTypes.MANIFEST_ACCEPT);

  private final Endpoint endpoint;

  ManifestCalls(Endpoint endpoint) {
    this.endpoint = endpoint;
  }

  private Request request(String method, ImageReference ref, String reference) {
    return Request.of(method, endpoint.uri(ref.registry(), ref.repository() + "/manifests/" + reference));
  }

  Manifest fetch(ImageReference ref) {
    CallContext context = endpoint.context(ref);
    Request request = request("GET", ref, ref.manifestReference()).header("Accept", ACCEPT);
    Response response = endpoint.send(request, context, List.of(Scope.pull(ref.repository())));
    if (response.status() != 200) {
      throw endpoint.failure(request, response, context);
    }
    String contentType = response.header("Content-Type").orElse("");
    Optional<Digest> served = servedDigest(request, response, context);
    byte[] bytes;
    try (response) {
      bytes = Endpoint.readCapped(request, response, context, FerryLimits.MAX_MANIFEST_BYTES, "manifest");
    }
    if (ref.digest().isPresent()) {
      // fetched by digest: the bytes must hash to exactly what was asked for
      return Manifest.parse(bytes, contentType, ref.digest().get());
    }
    Manifest manifest = Manifest.parse(bytes, contentType);
    if (served.isPresent() && served.get().algorithm().equals(Digest.SHA256)
        && !served.get().equals(manifest.digest())) {
      throw new DigestMismatchException(served.get(), manifest.digest(), -1, bytes.length);
    }
    return manifest;
  }

  Optional<Descriptor> head(ImageReference ref) {
    CallContext context = endpoint.context(ref);
    Request request = request("HEAD", ref, ref.manifestReference()).header("Accept", ACCEPT);
    Optional<Response> found = endpoint.sendExpectingFound(request, context,
        List.of(Scope.pull(ref.repository())));
    if (found.isEmpty()) {
      return Optional.empty();
    }
    try (Response response = found.get()) {
      Optional<Digest> served = servedDigest(request, response, context);
      String mediaType = MediaTypes.essence(response.header("Content-Type").orElse(""));
      long size = response.contentLength().orElse(-1);
      if (served.isEmpty() || size < 0 || !MediaTypes.isManifest(mediaType)) {
        // some registries answer HEAD without these headers; the body tells it all
        Manifest manifest = fetch(ref);
        return Optional.of(manifest.descriptor());
      }
      if (ref.digest().isPresent() && !ref.digest().get().equals(served.get())) {
        throw new DigestMismatchException(ref.digest().get(), served.get(), -1, size);
      }
      return Optional.of(Descriptor.of(mediaType, served.get(), size));
    }
  }

  Digest push(ImageReference ref, Manifest manifest) {
    String reference;
    if (ref.tag().isPresent()) {
      reference = ref.tag().get();
      ref.digest().ifPresent(d -> requireSameDigest(d, manifest));
    } else if (ref.digest().isPresent()) {
      requireSameDigest(ref.digest().get(), manifest);
      reference = manifest.digest().toString();
    } else {
      reference = ImageReference.DEFAULT_TAG;
    }
    CallContext context = endpoint.context(ref);
    Request request = request("PUT", ref, reference)
        .header("Content-Type", manifest.mediaType())
        .withMethod("PUT", RequestBody.of(manifest.bytes(), manifest.mediaType()));
    Response response = endpoint.send(request, context, List.of(Scope.pullPush(ref.repository())));
    if (response.status() != 201 && response.status() != 200) {
      throw endpoint.failure(request, response, context);
    }
    try (response) {
      Optional<Digest> served = servedDigest(request, response, context);
      if (served.isPresent() && served.get().algorithm().equals(Digest.SHA256)
          && !served.get().equals(manifest.digest())) {
        throw new RegistryProtocolException("the registry stored the manifest as " + served.get()
            + " but its bytes hash to " + manifest.digest(), context.registry(), context.repository(),
            request.method(), Urls.redact(request.uri()));
      }
      return manifest.digest();
    }
  }

  void delete(ImageReference ref) {
    CallContext context = endpoint.context(ref);
    Request request = request("DELETE", ref, ref.manifestReference());
    Response response = endpoint.send(request, context, List.of(Scope.delete(ref.repository())));
    if (response.status() != 202 && response.status() != 200 && response.status() != 204) {
      throw endpoint.failure(request, response, context);
    }
    response.close();
  }

  private static void requireSameDigest(Digest expected, Manifest manifest) {
    if (!expected.equals(manifest.digest())) {
      throw new DigestMismatchException(expected, manifest.digest(), -1, manifest.size());
    }
  }

  static Optional<Digest> servedDigest(Request request, Response response, CallContext context) {
    Optional<String> header = response.header("Docker-Content-Digest");
    if (header.isEmpty() || header.get().isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Digest.parse(header.get().trim()));
    } catch (InvalidDigestException e) {
      throw new RegistryProtocolException("Docker-Content-Digest is not a digest: " + e.getMessage(),
          context.registry(), context.repository(), request.method(), Urls.redact(request.uri()));
    }
  }
}
