package dev.ferry.registry;

import dev.ferry.internal.auth.Scope;
import dev.ferry.internal.http.CallContext;
import dev.ferry.internal.http.Request;
import dev.ferry.internal.http.RequestBody;
import dev.ferry.internal.http.Response;
import dev.ferry.internal.http.Urls;
import dev.ferry.manifest.Descriptor;
import dev.ferry.reference.ImageReference;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The blob upload endpoints: {@code POST /v2/<name>/blobs/uploads/} (optionally
 * with {@code mount}), {@code PATCH} (streamed or chunked), {@code PUT ?digest=},
 * and {@code GET} of the session to resume after a dropped connection.
 */
final class BlobUploads {
  /** How often an interrupted upload resumes from the registry's offset before giving up. */
  static final int MAX_RESUMES = 5;

  private final Endpoint endpoint;

  BlobUploads(Endpoint endpoint) {
    this.endpoint = endpoint;
  }

  BlobPushResult push(ImageReference repository, Descriptor blob, BlobSource source, BlobPushOptions options) {
    CallContext context = ManifestCalls.context(repository);
    List<Scope> scopes = new ArrayList<>(List.of(Scope.pullPush(repository.repository())));
    Optional<ImageReference> mountFrom = options.mountFrom()
        .filter(from -> from.registry().equals(repository.registry())
            && !from.repository().equals(repository.repository()));
    mountFrom.ifPresent(from -> scopes.add(Scope.pull(from.repository())));

    UploadSession session;
    if (mountFrom.isPresent()) {
      Optional<UploadSession> afterMount = tryMount(repository, blob, mountFrom.get(), context, scopes);
      if (afterMount.isEmpty()) {
        return new BlobPushResult(blob.digest(), blob.size(), true, 0);
      }
      session = afterMount.get();
    } else {
      session = start(repository, context, scopes, "");
    }
    AtomicLong sent = new AtomicLong();
    UploadSession finished = switch (options.mode()) {
      case MONOLITHIC -> session;
      case STREAMED -> new Chunks(this, session, blob, source, Long.MAX_VALUE, sent).send();
      case CHUNKED -> new Chunks(this, session, blob, source,
          Math.max(options.chunkSize(), session.minChunk()), sent).send();
    };
    complete(finished, blob, options.mode() == UploadMode.MONOLITHIC ? source : null, sent);
    return new BlobPushResult(blob.digest(), blob.size(), false, sent.get());
  }

  /** Empty when the registry mounted the blob (201); else the session it opened instead (202). */
  private Optional<UploadSession> tryMount(ImageReference repository, Descriptor blob, ImageReference from,
      CallContext context, List<Scope> scopes) {
    String query = "?mount=" + blob.digest() + "&from=" + from.repository();
    Request request = Request.of("POST", uploadsUri(repository, query));
    Response response = endpoint.send(request, context, scopes);
    int status = response.status();
    if (status == 201) {
      response.close();
      return Optional.empty();
    }
    if (status == 202) {
      try (response) {
        return Optional.of(session(request, response, context, scopes));
      }
    }
    // a registry that refuses to mount (or errs) gets a plain upload instead
    response.close();
    return Optional.of(start(repository, context, scopes, ""));
  }

  private UploadSession start(ImageReference repository, CallContext context, List<Scope> scopes, String query) {
    Request request = Request.of("POST", uploadsUri(repository, query));
    Response response = endpoint.send(request, context, scopes);
    if (response.status() != 202) {
      throw endpoint.failure(request, response, context);
    }
    try (response) {
      return session(request, response, context, scopes);
    }
  }

  private URI uploadsUri(ImageReference repository, String query) {
    return endpoint.uri(repository.registry(), repository.repository() + "/blobs/uploads/" + query);
  }

  UploadSession session(Request request, Response response, CallContext context, List<Scope> scopes) {
    String location = response.header("Location").orElseThrow(() -> new RegistryProtocolException(
        "the registry opened an upload without a Location header", context.registry(), context.repository(),
        request.method(), Urls.redact(request.uri())));
    long minChunk = response.header("OCI-Chunk-Min-Length").map(BlobUploads::parseLong).orElse(1L);
    return new UploadSession(endpoint.uploadLocation(request, context, location), context, scopes,
        Math.max(1, minChunk));
  }

  /** Where a PATCH's {@code Location} moves the upload (checked as the POST's is). */
  UploadSession moved(UploadSession session, Request request, String location) {
    return session.moveTo(endpoint.uploadLocation(request, session.context(), location));
  }

  /** Sends to an upload location: with the registry's authorization only on the registry's own origin. */
  Response send(UploadSession session, Request request) {
    return endpoint.send(request, session.context(), session.scopes());
  }

  RegistryException failure(Request request, Response response, CallContext context) {
    return endpoint.failure(request, response, context);
  }

  /** Where the registry has the upload: the offset of the next byte it expects. */
  long offset(UploadSession session) {
    Request request = Request.of("GET", session.location());
    Response response = send(session, request);
    if (response.status() != 204 && response.status() != 200) {
      throw endpoint.failure(request, response, session.context());
    }
    try (response) {
      return UploadSession.nextOffset(response.header("Range"));
    }
  }

  private void complete(UploadSession session, Descriptor blob, BlobSource monolithicSource, AtomicLong sent) {
    URI uri = session.withQuery("digest=" + blob.digest());
    Request request = Request.of("PUT", uri);
    InputStream in = null;
    try {
      if (monolithicSource != null) {
        in = monolithicSource.open(0);
        request = request.withMethod("PUT",
            RequestBody.streaming(in, blob.size(), "application/octet-stream", sent::addAndGet, true));
      } else {
        request = request.header("Content-Length", "0");
      }
      Response response = send(session, request);
      if (response.status() != 201 && response.status() != 204 && response.status() != 200) {
        throw endpoint.failure(request, response, session.context());
      }
      try (response) {
        ManifestCalls.servedDigest(request, response, session.context())
            .filter(served -> !served.equals(blob.digest()))
            .ifPresent(served -> {
              throw new RegistryProtocolException("the registry committed the blob as " + served + ", expected "
                  + blob.digest(), session.context().registry(), session.context().repository(), "PUT",
                  Urls.redact(uri));
            });
      }
    } catch (IOException e) {
      throw new TransportException("could not read the blob " + blob.digest() + " to upload: " + e.getMessage(),
          session.context().registry(), session.context().repository(), "PUT", Urls.redact(uri), e);
    } finally {
      closeQuietly(in);
    }
  }

  static void closeQuietly(InputStream in) {
    if (in != null) {
      try {
        in.close();
      } catch (IOException | RuntimeException ignored) {
        // the upload's own outcome is what matters
      }
    }
  }

  private static long parseLong(String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return 1;
    }
  }
}
