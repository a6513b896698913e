package dev.ferry.registry;

import dev.ferry.internal.auth.Scope;
import dev.ferry.internal.http.CallContext;
import dev.ferry.internal.http.Request;
import dev.ferry.internal.http.RequestBody;
import dev.ferry.internal.http.Response;
import dev.ferry.internal.http.RetryStrategy;
import dev.ferry.internal.http.Urls;
import dev.ferry.manifest.Descriptor;
import dev.ferry.reference.ImageReference;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The blob upload endpoints: {@code POST /v2/<name>/blobs/uploads/} (optionally
 * with {@code mount}), {@code PATCH} (streamed or chunked), {@code PUT ?digest=},
 * {@code GET} of the session (how far it got) and {@code DELETE} of an abandoned
 * session. {@link UploadRun} drives one upload through them.
 */
final class BlobUploads {
  /** Longest a failing upload waits for its session's {@code DELETE} before reporting its own failure. */
  static final Duration CANCEL_WAIT = Duration.ofSeconds(5);

  private final Endpoint endpoint;

  BlobUploads(Endpoint endpoint) {
    this.endpoint = endpoint;
  }

  RetryStrategy retries() {
    return endpoint.retries();
  }

  BlobPushResult push(ImageReference repository, Descriptor blob, BlobSource source, BlobPushOptions options) {
    CallContext context = endpoint.context(repository);
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
      session = start(repository, context, scopes);
    }
    long sent = new UploadRun(this, repository, blob, source, options, session).run();
    return new BlobPushResult(blob.digest(), blob.size(), false, sent);
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
    return Optional.of(start(repository, context, scopes));
  }

  /** Opens a new session (the POST has no body, so the transport retries it). */
  UploadSession start(ImageReference repository, CallContext context, List<Scope> scopes) {
    Request request = Request.of("POST", uploadsUri(repository, ""));
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

  /**
   * Commits the upload with {@code PUT ?digest=}: with the whole blob from {@code body}
   * (monolithic), or empty after {@code PATCH}es. A refusal is thrown, after {@code refused}
   * has been told the response's {@code Retry-After}.
   */
  void commit(UploadSession session, Descriptor blob, @Nullable InputStream body, LongConsumer progress,
      java.util.function.Consumer<Optional<String>> refused) {
    URI uri = session.withQuery("digest=" + blob.digest());
    Request request = Request.of("PUT", uri);
    request = body != null
        ? request.withMethod("PUT", RequestBody.streaming(body, blob.size(), "application/octet-stream", progress, true))
        : request.header("Content-Length", "0");
    Response response = send(session, request);
    if (response.status() == 404 && body == null && committedEarlier(session, blob)) {
      // the transport sent the PUT again after losing the answer to one the registry had committed
      response.close();
      return;
    }
    if (response.status() != 201 && response.status() != 204 && response.status() != 200) {
      refused.accept(response.header("Retry-After"));
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
  }

  /** Whether the repository has the blob (HEAD): an earlier PUT whose answer was lost may have committed it. */
  private boolean committedEarlier(UploadSession session, Descriptor blob) {
    CallContext context = session.context();
    Request head = Request.of("HEAD", endpoint.uri(context.registry(), context.repository() + "/blobs/" + blob.digest()));
    try {
      Optional<Response> found = endpoint.sendExpectingFound(head, context, session.scopes());
      found.ifPresent(Response::close);
      return found.isPresent();
    } catch (RegistryException e) {
      return false;
    }
  }

  /**
   * Cancels an abandoned session with {@code DELETE}, so the registry frees what it holds.
   * Best effort: its failure is ignored (the upload's own failure is what the caller
   * reports), it runs on a thread of its own so that an interrupted (cancelled) caller
   * can still send it, and the caller waits at most {@link #CANCEL_WAIT} for it.
   */
  void cancel(UploadSession session) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Thread sender = new Thread(() -> {
      try {
        // any answer will do: 204, or 404 for a session the registry already dropped
        send(session, Request.of("DELETE", session.location())).close();
      } catch (RuntimeException ignored) {
        // best effort
      } finally {
        done.complete(null);
      }
    }, "ferry-upload-cancel");
    sender.setDaemon(true);
    sender.start();
    boolean interrupted = Thread.interrupted();
    long deadline = System.nanoTime() + CANCEL_WAIT.toNanos();
    try {
      while (!done.isDone()) {
        try {
          done.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (TimeoutException | ExecutionException e) {
          return;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  static void closeQuietly(@Nullable InputStream in) {
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
