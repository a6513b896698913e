package dev.ferry.testing;

import dev.ferry.auth.Credential;
import dev.ferry.auth.CredentialProvider;
import dev.ferry.copy.CopyOperation;
import dev.ferry.copy.CopyResult;
import dev.ferry.copy.ImageLocation;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryClient;
import dev.ferry.registry.RegistryClientBuilder;
import dev.ferry.registry.RegistryOptions;
import dev.ferry.testing.internal.AccessPolicy;
import dev.ferry.testing.internal.DirectoryStorage;
import dev.ferry.testing.internal.Gate;
import dev.ferry.testing.internal.Listeners;
import dev.ferry.testing.internal.MemoryStorage;
import dev.ferry.testing.internal.RateLimiter;
import dev.ferry.testing.internal.Router;
import dev.ferry.testing.internal.Storage;
import dev.ferry.testing.internal.TlsMaterial;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * An OCI distribution registry that runs inside the JVM, on a free loopback port,
 * over plain HTTP or, with {@link EmbeddedRegistryBuilder#tls()}, HTTPS. It speaks
 * the distribution API a client needs: blobs (with
 * {@code Range}), every upload style (monolithic, streamed, chunked with resume,
 * cross-repository mount), manifests of every OCI and Docker type by tag and by
 * digest, tag and catalog listing with pagination, and the referrers API. Digests
 * are verified on upload; a manifest is refused while anything it references is
 * missing. Blobs stream to storage: in memory (the default) in chunks of at most
 * 1 MiB, or in a directory that survives a restart.
 *
 * <pre>{@code
 * try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
 *   ImageReference ref = registry.reference("demo/app:1.0");  // localhost:PORT/demo/app:1.0
 *   try (RegistryClient client = RegistryClient.builder().plainHttp(registry.address()).build()) {
 *     TestImages.image().push(client, ref);
 *   }
 * }
 * }</pre>
 *
 * <p>Each instance may be set up as the registries a client meets in the wild:
 * HTTPS with a certificate authority of its own, handed to the test
 * ({@link #caCertificate()}, {@link #writeCaPem(Path)}, {@link #registryOptions()});
 * Basic auth or Bearer token auth with its own token endpoint and tokens scoped per
 * repository; read-only mode; blob downloads redirected to a second storage host.
 *
 * <pre>{@code
 * try (EmbeddedRegistry registry = EmbeddedRegistry.builder().tls().tokenAuth()
 *         .user("ci", "secret", "team/*", "pull", "push").start();
 *      RegistryClient client = registry.clientBuilder()
 *         .credentials(CredentialProvider.of(registry.address(), Credential.basic("ci", "secret")))
 *         .build()) {
 *   TestImages.image().push(client, registry.reference("team/app:1.0"));
 * }
 * }</pre>
 *
 * <p>For retry tests it logs every request ({@link #requests()}) and injects faults
 * while running: failed requests ({@link #failNext(int, Predicate, int, Duration)}),
 * blob downloads cut short ({@link #dropBlobConnectionAfter(long, int)}), slow
 * answers ({@link #delayResponses(Duration, Predicate)}) and trickling downloads
 * ({@link #throttleBlobDownloads(long, Predicate)}).
 *
 * <pre>{@code
 * registry.failNext(2, r -> r.method().equals("GET") && r.path().contains("/manifests/"), 503);
 * client.fetchManifest(ref);                                          // retried twice
 * assertThat(registry.requests()).extracting(RecordedCall::status).endsWith(503, 503, 200);
 * }</pre>
 *
 * <p>Thread-safe: any number of clients may push and pull at once, and faults may be
 * added, and the log read, from any thread while they do.
 *
 * @since 0.1
 */
public final class EmbeddedRegistry implements AutoCloseable {
  private final Listeners listeners;
  private final Router router;
  private final String address;
  private final boolean readOnlyAtStart;
  private final @Nullable TlsMaterial tls;
  private final @Nullable String seedUser;
  private final @Nullable String seedPassword;
  private final @Nullable RateLimiter rateLimiter;

  EmbeddedRegistry(EmbeddedRegistryBuilder builder) {
    if (builder.auth == Gate.Mode.NONE && builder.policy.hasUsers()) {
      throw new IllegalStateException("users were given but no authentication: call basicAuth() or tokenAuth()");
    }
    Storage storage;
    try {
      storage = builder.directory == null ? new MemoryStorage() : new DirectoryStorage(builder.directory);
    } catch (IOException e) {
      throw new EmbeddedRegistryException("cannot use the storage directory " + builder.directory, e);
    }
    AccessPolicy.Builder policy = builder.policy.copy();
    if (builder.auth != Gate.Mode.NONE) {
      // TestImages.push(registry, ..) seeds through a user no test knows, with every right
      seedUser = "ferry-seed-" + UUID.randomUUID();
      seedPassword = UUID.randomUUID().toString();
      policy.grant(seedUser, seedPassword, "*", AccessPolicy.ACTIONS);
    } else {
      seedUser = null;
      seedPassword = null;
    }
    try {
      this.tls = builder.tls ? TlsMaterial.generate(UUID.randomUUID().toString().substring(0, 8)) : null;
    } catch (java.security.GeneralSecurityException e) {
      throw new EmbeddedRegistryException("cannot generate a certificate for TLS", e);
    }
    String scheme = tls == null ? "http://" : "https://";
    try {
      this.listeners = new Listeners(builder.port, tls, address -> new Router(storage, builder.referrersApi,
          builder.readOnly, builder.auth, policy.build(), builder.tokenLifetime, builder.clock, scheme + address + "/token",
          address),
          builder.redirectBlobs);
    } catch (IOException e) {
      throw new EmbeddedRegistryException("cannot listen on loopback port " + builder.port, e);
    }
    this.router = listeners.router();
    router.immutableTags(builder.immutableTags);
    this.rateLimiter = builder.rateLimit < 0 ? null : new RateLimiter(builder.rateLimit, builder.rateLimitWindow,
        builder.clock, builder.rateLimitHeaders);
    router.rateLimit(rateLimiter);
    this.address = "localhost:" + listeners.port();
    this.readOnlyAtStart = builder.readOnly;
  }

  /** Back to the read-only setting the registry was built with (the JUnit extension's reset between tests). */
  void restoreReadOnly() {
    router.readOnly(readOnlyAtStart);
  }

  /**
   * Starts a registry with in-memory storage on a free loopback port.
   *
   * @return the running registry; close it when done
   * @throws EmbeddedRegistryException if it cannot listen
   * @since 0.1
   */
  public static EmbeddedRegistry start() {
    return builder().start();
  }

  /**
   * A builder for a registry with other settings.
   *
   * @return a new builder
   * @since 0.1
   */
  public static EmbeddedRegistryBuilder builder() {
    return new EmbeddedRegistryBuilder();
  }

  /**
   * The registry's host and port, as image references name it.
   *
   * @return {@code localhost:PORT}
   * @since 0.1
   */
  public String address() {
    return address;
  }

  /**
   * The port it listens on (loopback only).
   *
   * @return the port
   * @since 0.1
   */
  public int port() {
    return listeners.port();
  }

  /**
   * The base URL of the distribution API's host.
   *
   * @return {@code http://localhost:PORT}, or {@code https://localhost:PORT} with
   *     {@link EmbeddedRegistryBuilder#tls()}
   * @since 0.1
   */
  public URI url() {
    return URI.create((tls == null ? "http://" : "https://") + address);
  }

  /**
   * The certificate authority that issued the registry's certificate (with
   * {@link EmbeddedRegistryBuilder#tls()}): a fresh one per registry, valid for a week, its key gone.
   *
   * @return the CA certificate to trust
   * @throws IllegalStateException if the registry speaks plain HTTP
   * @since 0.1
   */
  public X509Certificate caCertificate() {
    return tlsMaterial().ca();
  }

  /**
   * {@link #caCertificate()} in PEM, as {@code docker}, {@code skopeo} and {@code curl --cacert} read it.
   *
   * @return one {@code -----BEGIN CERTIFICATE-----} block
   * @throws IllegalStateException if the registry speaks plain HTTP
   * @since 0.1
   */
  public String caPem() {
    return tlsMaterial().caPem();
  }

  /**
   * Writes {@link #caPem()} to a file, creating its directory. Name it {@code ca.crt} in a
   * directory given to {@code skopeo --cert-dir} or {@code /etc/docker/certs.d/HOST:PORT/}.
   *
   * @param file where to write
   * @return {@code file}
   * @throws IllegalStateException if the registry speaks plain HTTP
   * @throws java.io.UncheckedIOException if the file cannot be written
   * @since 0.1
   */
  public Path writeCaPem(Path file) {
    Objects.requireNonNull(file, "file");
    String pem = caPem();
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      return Files.writeString(file, pem, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the CA certificate to " + file, e);
    }
  }

  /**
   * A TLS context that trusts this registry's CA and nothing else, for other HTTP
   * clients ({@code java.net.http.HttpClient.newBuilder().sslContext(..)}).
   *
   * @return the client context
   * @throws IllegalStateException if the registry speaks plain HTTP
   * @since 0.1
   */
  public SSLContext sslContext() {
    return tlsMaterial().clientContext();
  }

  /**
   * How a {@code RegistryClient} reaches this registry: plain HTTP, or HTTPS verified
   * against {@link #caCertificate()}.
   *
   * <pre>{@code
   * RegistryClient.builder().registry(registry.address(), registry.registryOptions()).build();
   * }</pre>
   *
   * @return the options for {@link #address()}
   * @since 0.1
   */
  public RegistryOptions registryOptions() {
    return tls == null ? RegistryOptions.builder().plainHttp().build()
        : RegistryOptions.builder().caCertificates(List.of(tls.ca())).build();
  }

  /**
   * A client builder set up for this registry (and its blob storage host, with
   * {@link EmbeddedRegistryBuilder#redirectBlobDownloads()}); credentials are the caller's to add.
   *
   * <pre>{@code
   * try (RegistryClient client = registry.clientBuilder()
   *     .credentials(CredentialProvider.of(registry.address(), Credential.basic("alice", "pw")))
   *     .build()) { ... }
   * }</pre>
   *
   * @return a new builder
   * @since 0.1
   */
  public RegistryClientBuilder clientBuilder() {
    RegistryClientBuilder builder = RegistryClient.builder().registry(address, registryOptions());
    storageAddress().ifPresent(storage -> builder.registry(storage, registryOptions()));
    return builder;
  }

  /**
   * The {@code 127.0.0.1:PORT} of the second host blob downloads are redirected to,
   * with {@link EmbeddedRegistryBuilder#redirectBlobDownloads()}.
   *
   * @return the storage host's address, if blob downloads are redirected
   * @since 0.1
   */
  public Optional<String> storageAddress() {
    return listeners.storageAddress();
  }

  /** A client that may push anywhere here, for {@link TestImages#push(EmbeddedRegistry, String)}. */
  RegistryClient seedClient() {
    RegistryClientBuilder builder = clientBuilder();
    if (seedUser != null && seedPassword != null) {
      builder.credentials(CredentialProvider.of(address, Credential.basic(seedUser, seedPassword)));
    }
    return builder.build();
  }

  private TlsMaterial tlsMaterial() {
    if (tls == null) {
      throw new IllegalStateException(this + " speaks plain HTTP; start it with EmbeddedRegistry.builder().tls()");
    }
    return tls;
  }

  /**
   * A reference into this registry.
   *
   * @param repositoryAndTag a repository with an optional tag or digest, e.g. {@code demo/app:1.0}
   * @return {@code localhost:PORT/demo/app:1.0}
   * @throws dev.ferry.reference.InvalidReferenceException if the text is not a valid reference
   * @since 0.1
   */
  public ImageReference reference(String repositoryAndTag) {
    Objects.requireNonNull(repositoryAndTag, "repositoryAndTag");
    return ImageReference.parse(address + "/" + repositoryAndTag);
  }

  /**
   * Seeds the registry with an image from an OCI image layout directory (for example one
   * {@link TestImages#writeOciLayout(Path, String)} wrote, or {@code skopeo copy ... oci:DIR:NAME}),
   * with the seeding client, so whatever rights the test's users have. Every digest is kept.
   *
   * <pre>{@code
   * registry.seed("demo/app:1.0", Path.of("src/test/resources/app-layout"), "1.0");
   * }</pre>
   *
   * @param repositoryAndTag where in this registry, e.g. {@code demo/app:1.0}
   * @param layout the layout directory
   * @param name the image's ref name in the layout: a tag or a reference
   * @return the copy's result; {@code digest()} is the image's digest
   * @throws dev.ferry.copy.ImageLocationException if the layout is missing, malformed or lacks the name
   * @since 0.1
   */
  public CopyResult seed(String repositoryAndTag, Path layout, String name) {
    try (RegistryClient client = seedClient()) {
      return CopyOperation.from(ImageLocation.ociLayout(layout, name))
          .to(ImageLocation.of(reference(repositoryAndTag))).execute(client);
    }
  }

  /**
   * The requests answered so far, oldest first: the last 10 000, with the status each
   * got (injected faults included). A request is logged just before its response
   * headers are sent, so a client call that has returned is in the log.
   *
   * @return an immutable snapshot
   * @since 0.1
   */
  public List<RecordedCall> requests() {
    return router.log().snapshot();
  }

  /**
   * Empties the request log.
   *
   * @since 0.1
   */
  public void clearRequests() {
    router.log().clear();
  }

  /**
   * Fails the next {@code count} requests that match with {@code status} and the
   * spec's error JSON ({@code TOOMANYREQUESTS} for 429, {@code UNAVAILABLE} for 503,
   * {@code UNKNOWN} otherwise). A failed request is not handled: it changes nothing
   * (an upload PATCH stores nothing). When several of these match a request, the one
   * added first is used up first.
   *
   * @param count how many matching requests to fail; 0 adds nothing
   * @param matching which requests, by method and path (with query)
   * @param status an error status, 400 to 599
   * @throws IllegalArgumentException if {@code count} is negative or {@code status} not an error
   * @since 0.1
   */
  public void failNext(int count, Predicate<RequestLine> matching, int status) {
    fail(count, matching, status, null);
  }

  /**
   * As {@link #failNext(int, Predicate, int)}, with a {@code Retry-After} header in
   * whole seconds (rounded up), e.g. 429 with one second.
   *
   * @param count how many matching requests to fail; 0 adds nothing
   * @param matching which requests, by method and path (with query)
   * @param status an error status, 400 to 599
   * @param retryAfter the wait to announce, zero or more
   * @throws IllegalArgumentException if {@code count} or {@code retryAfter} is negative or
   *     {@code status} not an error
   * @since 0.1
   */
  public void failNext(int count, Predicate<RequestLine> matching, int status, Duration retryAfter) {
    Objects.requireNonNull(retryAfter, "retryAfter");
    if (retryAfter.isNegative()) {
      throw new IllegalArgumentException("retryAfter must not be negative, was " + retryAfter);
    }
    fail(count, matching, status, retryAfter);
  }

  private void fail(int count, Predicate<RequestLine> matching, int status, @Nullable Duration retryAfter) {
    Objects.requireNonNull(matching, "matching");
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative, was " + count);
    }
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status must be 400 to 599, was " + status);
    }
    router.faults().failNext(count, matching, status, retryAfter);
  }

  /**
   * Cuts the next {@code times} blob downloads ({@code GET /v2/<name>/blobs/<digest>},
   * with or without {@code Range}) short: each sends its headers, with the full
   * {@code Content-Length}, and {@code bytes} of the body, then closes the connection,
   * so the client reads a truncated body as from a dropped connection. A download of
   * at most {@code bytes} is sent whole and does not count. Replaces an earlier
   * setting.
   *
   * @param bytes how much of each body to send, zero or more
   * @param times how many downloads to cut, zero or more
   * @throws IllegalArgumentException if either is negative
   * @since 0.1
   */
  public void dropBlobConnectionAfter(long bytes, int times) {
    if (bytes < 0 || times < 0) {
      throw new IllegalArgumentException("bytes and times must not be negative, were " + bytes + " and " + times);
    }
    router.faults().dropBlobConnectionAfter(bytes, times);
  }

  /**
   * Delays every matching request by {@code delay} before it is handled, until
   * {@link #clearFaults()}. A request that several delays match waits for the
   * longest.
   *
   * @param delay how long, zero or more
   * @param matching which requests, by method and path (with query)
   * @throws IllegalArgumentException if {@code delay} is negative
   * @since 0.1
   */
  public void delayResponses(Duration delay, Predicate<RequestLine> matching) {
    Objects.requireNonNull(delay, "delay");
    Objects.requireNonNull(matching, "matching");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative, was " + delay);
    }
    router.faults().delay(delay, matching);
  }

  /**
   * Sends the body of every matching blob download at most {@code bytesPerSecond}
   * (a piece every 50 ms), until {@link #clearFaults()}: a source that trickles, for
   * tests of progress, cancellation and timeouts. A request that several throttles
   * match gets the slowest.
   *
   * <pre>{@code
   * registry.throttleBlobDownloads(20_000, r -> r.path().endsWith(layer.digest().toString()));
   * }</pre>
   *
   * @param bytesPerSecond the most bytes sent a second, at least 1
   * @param matching which requests, by method and path (with query)
   * @throws IllegalArgumentException if {@code bytesPerSecond} is less than 1
   * @since 0.1
   */
  public void throttleBlobDownloads(long bytesPerSecond, Predicate<RequestLine> matching) {
    Objects.requireNonNull(matching, "matching");
    if (bytesPerSecond < 1) {
      throw new IllegalArgumentException("bytesPerSecond must be at least 1, was " + bytesPerSecond);
    }
    router.faults().throttle(bytesPerSecond, matching);
  }

  /**
   * Gives back every pull of the limit set with {@link EmbeddedRegistryBuilder#rateLimit},
   * as a new window would.
   *
   * @throws IllegalStateException if the registry was built without a rate limit
   * @since 0.1
   */
  public void resetRateLimit() {
    if (rateLimiter == null) {
      throw new IllegalStateException("this registry has no rate limit: build it with rateLimit(limit, window)");
    }
    rateLimiter.reset();
  }

  /**
   * Removes every injected fault (failures not yet used up, dropped downloads,
   * delays and throttles); requests already waiting finish as they were. The request log stays.
   *
   * @since 0.1
   */
  public void clearFaults() {
    router.faults().clear();
  }

  /**
   * Switches read-only mode, as {@code registry:2}'s maintenance mode: while on, every
   * write ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE} under {@code /v2/})
   * is refused with 405 and the spec's error code {@code UNSUPPORTED}, after
   * authentication; reads go on. Seed images first, then switch it on.
   *
   * @param enabled whether writes are refused
   * @since 0.1
   */
  public void readOnly(boolean enabled) {
    router.readOnly(enabled);
  }

  /**
   * Stops listening at once and frees unfinished uploads. Directory storage keeps
   * what was stored; in-memory storage is gone. Idempotent.
   *
   * @since 0.1
   */
  @Override
  public void close() {
    listeners.close();
    router.discardUploads();
  }

  @Override
  public String toString() {
    return "EmbeddedRegistry[" + address + "]";
  }
}
