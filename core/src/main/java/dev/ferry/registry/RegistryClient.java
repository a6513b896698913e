package dev.ferry.registry;

import dev.ferry.internal.auth.RegistryAuth;
import dev.ferry.internal.http.Request;
import dev.ferry.internal.http.Response;
import dev.ferry.internal.http.RetryStrategy;
import dev.ferry.internal.http.Transport;
import dev.ferry.manifest.Descriptor;
import dev.ferry.manifest.Manifest;
import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Speaks the OCI distribution API (and Docker registry v2) to any registry:
 * manifests, blobs, uploads, tags, catalog and referrers, with token auth,
 * retries and per-registry transport settings. One client serves every
 * registry; connections and tokens are pooled and reused.
 *
 * <pre>{@code
 * try (RegistryClient client = RegistryClient.builder()
 *         .credentials(CredentialProvider.defaults())
 *         .insecure("localhost:5000")
 *         .build()) {
 *   Manifest manifest = client.fetchManifest(ImageReference.parse("nginx:1.27"));
 * }
 * }</pre>
 *
 * <p>Repository-level calls take an {@link ImageReference}; only its registry and
 * repository matter there (its tag and digest are ignored).
 *
 * <p>Requests and retries of each call can be heard with
 * {@link RegistryClientBuilder#eventListenerFactory} or a view taken with {@link #withEventListener}.
 *
 * <p>Thread-safety: thread-safe; share one client. Close it to release connections.
 *
 * @since 0.1
 */
public final class RegistryClient implements AutoCloseable {
  private final Transport transport;
  private final Endpoint endpoint;
  private final RegistryEventListener.@Nullable Factory factory;
  /** The listeners of the views this client was taken from with {@link #withEventListener}, outermost last. */
  private final List<RegistryEventListener> listeners;
  /** False for a view: the connections belong to the client it was taken from. */
  private final boolean owner;

  RegistryClient(Transport transport, RegistryAuth auth, RegistrySettings settings, Clock clock,
      RetryStrategy retries, RegistryEventListener.@Nullable Factory factory) {
    this(transport, new Endpoint(transport, auth, settings, clock, retries), factory, List.of(), true);
  }

  private RegistryClient(Transport transport, Endpoint endpoint, RegistryEventListener.@Nullable Factory factory,
      List<RegistryEventListener> listeners, boolean owner) {
    this.transport = transport;
    this.endpoint = endpoint;
    this.factory = factory;
    this.listeners = List.copyOf(listeners);
    this.owner = owner;
  }

  /**
   * Starts configuring a client.
   *
   * @return a builder with safe defaults (verified TLS, retries, no credentials)
   * @since 0.1
   */
  public static RegistryClientBuilder builder() {
    return new RegistryClientBuilder();
  }

  /**
   * Pings {@code /v2/}: is this a registry, and how does it want to be authenticated?
   *
   * @param registry the registry, e.g. {@code docker.io} or {@code localhost:5000}
   * @return the status and the {@code WWW-Authenticate} challenges
   * @throws TransportException if the registry cannot be reached
   * @since 0.1
   */
  public PingResult ping(String registry) {
    Objects.requireNonNull(registry, "registry");
    Endpoint call = call("ping", registry, null);
    URI uri = call.base(registry);
    try (Response response = call.sendPlain(Request.of("GET", uri), call.context(registry, null))) {
      return new PingResult(registry, uri, response.status(), response.headers("WWW-Authenticate"));
    }
  }

  /**
   * Fetches a manifest or index with its exact bytes. By digest, the bytes must
   * hash to that digest; by tag, they must match the {@code Docker-Content-Digest}
   * the registry sent.
   *
   * @param reference the image, by tag or digest (no tag and no digest means {@code latest})
   * @return an {@code ImageManifest} or {@code ImageIndex}
   * @throws RegistryResponseException if the registry answers with an error (404: not found)
   * @throws dev.ferry.reference.DigestMismatchException if the bytes do not match the digest
   * @throws dev.ferry.manifest.ManifestException if the bytes are not a usable manifest
   * @throws AuthenticationException if access is refused
   * @throws TransportException if the registry cannot be reached
   * @since 0.1
   */
  public Manifest fetchManifest(ImageReference reference) {
    Objects.requireNonNull(reference, "reference");
    return new ManifestCalls(call("fetchManifest", reference)).fetch(reference);
  }

  /**
   * Asks for a manifest's digest, media type and size without its body (HEAD:
   * cheap, and not counted against Docker Hub's pull limit).
   *
   * @param reference the image, by tag or digest
   * @return the descriptor, or empty when the registry does not have it
   * @throws RegistryResponseException for errors other than 404
   * @throws AuthenticationException if access is refused
   * @throws TransportException if the registry cannot be reached
   * @since 0.1
   */
  public Optional<Descriptor> headManifest(ImageReference reference) {
    Objects.requireNonNull(reference, "reference");
    return new ManifestCalls(call("headManifest", reference)).head(reference);
  }

  /**
   * Pushes a manifest's exact bytes with its own media type, under the tag of
   * the reference (or by digest when it has only a digest). Every blob or child
   * it references must already be in the repository.
   *
   * @param reference where to push: registry, repository and tag (or digest)
   * @param manifest the manifest to push, never re-serialised
   * @return the manifest's digest
   * @throws dev.ferry.reference.DigestMismatchException if the reference's digest is not the manifest's
   * @throws RegistryResponseException if the registry refuses it (e.g. {@code MANIFEST_BLOB_UNKNOWN})
   * @throws AuthenticationException if push access is refused
   * @throws TransportException if the registry cannot be reached
   * @since 0.1
   */
  public Digest pushManifest(ImageReference reference, Manifest manifest) {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(manifest, "manifest");
    return new ManifestCalls(call("pushManifest", reference)).push(reference, manifest);
  }

  /**
   * Deletes a manifest by digest (or a tag, where the registry allows deleting tags).
   *
   * @param reference the manifest: its digest if it has one, else its tag
   * @throws RegistryResponseException if the registry refuses (405 when deletes are disabled, 404)
   * @throws AuthenticationException if access is refused
   * @throws TransportException if the registry cannot be reached
   * @since 0.1
   */
  public void deleteManifest(ImageReference reference) {
    Objects.requireNonNull(reference, "reference");
    new ManifestCalls(call("deleteManifest", reference)).delete(reference);
  }

  /**
   * Asks whether a repository has a blob.
   *
   * @param repository registry and repository
   * @param digest the blob
   * @return the blob's size when present (-1 if the registry did not say), empty when absent
   * @throws RegistryResponseException for errors other than 404
   * @throws AuthenticationException if access is refused
   * @throws TransportException if the registry cannot be reached
   * @since 0.1
   */
  public Optional<Long> headBlob(ImageReference repository, Digest digest) {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(digest, "digest");
    return new BlobReads(call("headBlob", repository)).head(repository, digest);
  }

  /**
   * Opens a blob for streaming. The stream verifies size and digest as it is
   * read (the read that reaches the end throws {@link dev.ferry.reference.DigestMismatchException}
   * on a mismatch) and resumes with {@code Range} after a dropped connection.
   * Redirects to storage hosts are followed without credentials.
   *
   * @param repository registry and repository
   * @param blob the blob's digest and size
   * @return the content; close it
   * @throws RegistryResponseException if the registry answers with an error (when the first byte is read)
   * @since 0.1
   */
  public InputStream openBlob(ImageReference repository, Descriptor blob) {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(blob, "blob");
    return new BlobReads(call("openBlob", repository)).stream(repository, blob);
  }

  /**
   * Uploads a blob with the default options (streamed upload).
   *
   * @param repository registry and repository
   * @param blob the blob's digest and size
   * @param source where the bytes come from
   * @return what was done
   * @throws RegistryResponseException if the registry refuses the upload (e.g. {@code DIGEST_INVALID})
   * @throws AuthenticationException if push access is refused
   * @throws TransportException if the upload fails after resuming
   * @since 0.1
   */
  public BlobPushResult pushBlob(ImageReference repository, Descriptor blob, BlobSource source) {
    return pushBlob(repository, blob, source, BlobPushOptions.defaults());
  }

  /**
   * Uploads a blob: monolithic, streamed or chunked, optionally mounting it from
   * another repository of the same registry first.
   *
   * @param repository registry and repository
   * @param blob the blob's digest and size
   * @param source where the bytes come from
   * @param options upload mode, chunk size, mount source
   * @return what was done: mounted or uploaded, bytes sent
   * @throws RegistryResponseException if the registry refuses the upload
   * @throws AuthenticationException if push access is refused
   * @throws TransportException if the upload fails after resuming
   * @since 0.1
   */
  public BlobPushResult pushBlob(ImageReference repository, Descriptor blob, BlobSource source,
      BlobPushOptions options) {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(blob, "blob");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(options, "options");
    return new BlobUploads(call("pushBlob", repository)).push(repository, blob, source, options);
  }

  /**
   * Lists every tag of a repository, following the registry's pagination.
   *
   * @param repository registry and repository
   * @return the tags in the registry's order
   * @throws RegistryResponseException if the registry answers with an error
   * @throws AuthenticationException if access is refused
   * @throws TransportException if the registry cannot be reached
   * @since 0.1
   */
  public List<String> listTags(ImageReference repository) {
    Objects.requireNonNull(repository, "repository");
    return new ListCalls(call("listTags", repository)).all(repository.registry(), repository.repository());
  }

  /**
   * Lists the first page of tags; {@link TagPage#next()} asks for the next one with
   * {@link #listTagsAfter(ImageReference, int, String)}.
   *
   * <pre>{@code
   * TagPage page = client.listTags(repository, 100);
   * while (page.next().isPresent()) {
   *   page = client.listTagsAfter(repository, 100, page.next().get());
   * }
   * }</pre>
   *
   * @param repository registry and repository
   * @param pageSize the {@code n} parameter, or 0 to let the registry choose
   * @return the page and the {@code last} value for the next one
   * @throws RegistryResponseException if the registry answers with an error
   * @throws AuthenticationException if access is refused
   * @throws TransportException if the registry cannot be reached
   * @since 0.1
   */
  public TagPage listTags(ImageReference repository, int pageSize) {
    Objects.requireNonNull(repository, "repository");
    return new ListCalls(call("listTags", repository)).tagsPage(repository.registry(), repository.repository(),
        pageSize, null);
  }

  /**
   * Lists the page of tags that follows {@code last}.
   *
   * @param repository registry and repository
   * @param pageSize the {@code n} parameter, or 0 to let the registry choose
   * @param last the {@link TagPage#next()} of the previous page (its last tag)
   * @return the page and the {@code last} value for the next one
   * @throws NullPointerException if an argument is null
   * @throws RegistryResponseException if the registry answers with an error
   * @throws AuthenticationException if access is refused
   * @throws TransportException if the registry cannot be reached
   * @since 0.1
   */
  public TagPage listTagsAfter(ImageReference repository, int pageSize, String last) {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(last, "last");
    return new ListCalls(call("listTags", repository)).tagsPage(repository.registry(), repository.repository(),
        pageSize, last);
  }

  /**
   * Lists one page of tags.
   *
   * @param repository registry and repository
   * @param pageSize the {@code n} parameter, or 0 to let the registry choose
   * @param last the last tag of the previous page, or null for the first page
   * @return the page and the {@code last} value for the next one
   * @throws RegistryResponseException if the registry answers with an error
   * @deprecated null across the API is on its way out: use {@link #listTags(ImageReference, int)} for the first
   *     page and {@link #listTagsAfter(ImageReference, int, String)} for the next ones
   * @since 0.1
   */
  @Deprecated(since = "0.1")
  public TagPage listTags(ImageReference repository, int pageSize, @Nullable String last) {
    return last == null ? listTags(repository, pageSize) : listTagsAfter(repository, pageSize, last);
  }

  /**
   * Lists every repository of a registry ({@code /v2/_catalog}); many public registries refuse this.
   *
   * @param registry the registry
   * @return the repositories in the registry's order
   * @throws RegistryResponseException if the registry answers with an error
   * @since 0.1
   */
  public List<String> catalog(String registry) {
    Objects.requireNonNull(registry, "registry");
    return new ListCalls(call("catalog", registry, null)).all(registry, null);
  }

  /**
   * Lists the first page of the catalog; {@link TagPage#next()} asks for the next one with
   * {@link #catalogAfter(String, int, String)}.
   *
   * @param registry the registry
   * @param pageSize the {@code n} parameter, or 0 to let the registry choose
   * @return the page and the {@code last} value for the next one
   * @throws RegistryResponseException if the registry answers with an error
   * @since 0.1
   */
  public TagPage catalog(String registry, int pageSize) {
    Objects.requireNonNull(registry, "registry");
    return new ListCalls(call("catalog", registry, null)).catalogPage(registry, pageSize, null);
  }

  /**
   * Lists the page of the catalog that follows {@code last}.
   *
   * @param registry the registry
   * @param pageSize the {@code n} parameter, or 0 to let the registry choose
   * @param last the {@link TagPage#next()} of the previous page (its last repository)
   * @return the page and the {@code last} value for the next one
   * @throws NullPointerException if an argument is null
   * @throws RegistryResponseException if the registry answers with an error
   * @since 0.1
   */
  public TagPage catalogAfter(String registry, int pageSize, String last) {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(last, "last");
    return new ListCalls(call("catalog", registry, null)).catalogPage(registry, pageSize, last);
  }

  /**
   * Lists one page of the catalog.
   *
   * @param registry the registry
   * @param pageSize the {@code n} parameter, or 0 to let the registry choose
   * @param last the last repository of the previous page, or null for the first page
   * @return the page and the {@code last} value for the next one
   * @throws RegistryResponseException if the registry answers with an error
   * @deprecated null across the API is on its way out: use {@link #catalog(String, int)} for the first page and
   *     {@link #catalogAfter(String, int, String)} for the next ones
   * @since 0.1
   */
  @Deprecated(since = "0.1")
  public TagPage catalog(String registry, int pageSize, @Nullable String last) {
    return last == null ? catalog(registry, pageSize) : catalogAfter(registry, pageSize, last);
  }

  /**
   * Lists the manifests that refer to a subject (signatures, SBOMs, attestations):
   * the OCI 1.1 referrers API, or the {@code sha256-<hex>} tag where the registry lacks it.
   *
   * @param repository registry and repository of the subject
   * @param subject the subject manifest's digest
   * @param artifactType only referrers of this artifact type, or null for all
   * @return the referrers' descriptors
   * @throws RegistryResponseException if the registry answers with an error
   * @since 0.1
   */
  public List<Descriptor> referrers(ImageReference repository, Digest subject, @Nullable String artifactType) {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(subject, "subject");
    Endpoint call = call("referrers", repository);
    return new ReferrerCalls(call, new ManifestCalls(call)).referrers(repository, subject, artifactType);
  }

  /**
   * The rate limit a registry reported in its last answer ({@code RateLimit-Limit},
   * {@code RateLimit-Remaining}, {@code Retry-After}): Docker Hub sends these on
   * manifest requests, so a caller can slow down before it is refused with 429.
   *
   * @param registry the registry, as in image references
   * @return the last known limit, or empty when the registry sent none
   * @since 0.1
   */
  public Optional<RateLimit> rateLimit(String registry) {
    return endpoint.rateLimit(Objects.requireNonNull(registry, "registry"));
  }

  /**
   * A view of this client whose calls also report their requests and retries to
   * {@code listener}, as well as to the listeners this client already has. The view shares
   * this client's connections, tokens and settings; closing the view does nothing (close the
   * client it came from). This is how a copy hears only its own retries on a shared client.
   *
   * <pre>{@code
   * RegistryClient traced = client.withEventListener(RegistryEventListener.of(e -> log.debug("{}", e)));
   * traced.fetchManifest(reference);      // its requests reach the log; other users of client are not traced
   * }</pre>
   *
   * @param listener hears every request and retry of calls made through the view
   * @return the view; thread-safe like this client
   * @since 0.1
   */
  public RegistryClient withEventListener(RegistryEventListener listener) {
    Objects.requireNonNull(listener, "listener");
    List<RegistryEventListener> more = new ArrayList<>(listeners);
    more.add(listener);
    return new RegistryClient(transport, endpoint, factory, more, false);
  }

  /**
   * Releases pooled connections; calls after closing fail. On a view taken with
   * {@link #withEventListener}, does nothing.
   *
   * @since 0.1
   */
  @Override
  public void close() {
    if (owner) {
      transport.close();
    }
  }

  private Endpoint call(String operation, ImageReference repository) {
    return call(operation, repository.registry(), repository.repository());
  }

  /** The endpoint of one call: its requests go to the factory's listener for it and to the views' listeners. */
  private Endpoint call(String operation, String registry, @Nullable String repository) {
    if (factory == null && listeners.isEmpty()) {
      return endpoint;
    }
    RegistryCall call = new RegistryCall(operation, registry, Optional.ofNullable(repository));
    List<RegistryEventListener> all = new ArrayList<>(listeners.size() + 1);
    if (factory != null) {
      all.add(created(factory, call));
    }
    all.addAll(listeners);
    return endpoint.forCall(new CallEvents(call, all, endpoint.scrubber()));
  }

  private static RegistryEventListener created(RegistryEventListener.Factory factory, RegistryCall call) {
    try {
      RegistryEventListener made = factory.create(call);
      return made == null ? RegistryEventListener.NONE : made;
    } catch (RuntimeException e) {
      // a listener is an observer: a factory that fails costs its events, never the call
      return RegistryEventListener.NONE;
    }
  }
}
