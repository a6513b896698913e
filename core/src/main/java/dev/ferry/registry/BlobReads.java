package dev.ferry.registry;

import dev.ferry.internal.auth.Scope;
import dev.ferry.internal.http.CallContext;
import dev.ferry.internal.http.Request;
import dev.ferry.internal.http.Response;
import dev.ferry.manifest.Descriptor;
import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/** The blob read endpoints: {@code /v2/<name>/blobs/<digest>} HEAD and GET (with Range). */
final class BlobReads {
  private final Endpoint endpoint;

  BlobReads(Endpoint endpoint) {
    this.endpoint = endpoint;
  }

  Request request(String method, ImageReference repository, Digest digest) {
    return Request.of(method, endpoint.uri(repository.registry(), repository.repository() + "/blobs/" + digest));
  }

  /** The context of this call's requests for the repository (a resumed download reports to the call that opened it). */
  CallContext context(ImageReference repository) {
    return endpoint.context(repository);
  }

  Optional<Long> head(ImageReference repository, Digest digest) {
    CallContext context = endpoint.context(repository);
    Request request = request("HEAD", repository, digest);
    Optional<Response> found = endpoint.sendExpectingFound(request, context,
        List.of(Scope.pull(repository.repository())));
    if (found.isEmpty()) {
      return Optional.empty();
    }
    try (Response response = found.get()) {
      return Optional.of(response.contentLength().orElse(-1));
    }
  }

  /** Opens the blob from {@code offset}; a 206 must start there, a 200 is skipped forward. */
  Response open(ImageReference repository, Digest digest, long offset) {
    CallContext context = endpoint.context(repository);
    Request request = request("GET", repository, digest);
    if (offset > 0) {
      request = request.header("Range", "bytes=" + offset + "-");
    }
    Response response = endpoint.send(request, context, List.of(Scope.pull(repository.repository())));
    int status = response.status();
    if (status == 200 || (status == 206 && offset > 0)) {
      return response;
    }
    throw endpoint.failure(request, response, context);
  }

  InputStream stream(ImageReference repository, Descriptor descriptor) {
    ResumingBlobStream raw = new ResumingBlobStream(this, endpoint.retries(), repository, descriptor.digest(), descriptor.size());
    return descriptor.digest().verifying(raw, descriptor.size());
  }
}
