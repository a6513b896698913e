package dev.ferry.testing;

import com.sun.net.httpserver.HttpServer;
import dev.ferry.reference.ImageReference;
import dev.ferry.testing.internal.DirectoryStorage;
import dev.ferry.testing.internal.MemoryStorage;
import dev.ferry.testing.internal.Router;
import dev.ferry.testing.internal.Storage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * An OCI distribution registry that runs inside the JVM, on a free loopback port,
 * over plain HTTP. It speaks the distribution API a client needs: blobs (with
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
 * <p>For retry tests it logs every request ({@link #requests()}) and injects faults
 * while running: failed requests ({@link #failNext(int, Predicate, int, Duration)}),
 * blob downloads cut short ({@link #dropBlobConnectionAfter(long, int)}) and slow
 * answers ({@link #delayResponses(Duration, Predicate)}).
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
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final HttpServer server;
  private final ExecutorService pool;
  private final Router router;
  private final String address;

  private EmbeddedRegistry(Builder builder) {
    Storage storage;
    try {
      storage = builder.directory == null ? new MemoryStorage() : new DirectoryStorage(builder.directory);
    } catch (IOException e) {
      throw new EmbeddedRegistryException("cannot use the storage directory " + builder.directory, e);
    }
    this.router = new Router(storage, builder.referrersApi);
    int instance = INSTANCES.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    this.pool = Executors.newCachedThreadPool(task -> {
      Thread thread = new Thread(task, "ferry-registry-" + instance + "-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), builder.port), 512);
    } catch (IOException e) {
      pool.shutdownNow();
      throw new EmbeddedRegistryException("cannot listen on loopback port " + builder.port, e);
    }
    server.createContext("/", router);
    server.setExecutor(pool);
    server.start();
    this.address = "localhost:" + server.getAddress().getPort();
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
  public static Builder builder() {
    return new Builder();
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
    return server.getAddress().getPort();
  }

  /**
   * The base URL of the distribution API's host.
   *
   * @return {@code http://localhost:PORT}
   * @since 0.1
   */
  public URI url() {
    return URI.create("http://" + address);
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

  private void fail(int count, Predicate<RequestLine> matching, int status,
      @org.jspecify.annotations.Nullable Duration retryAfter) {
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
   * Removes every injected fault (failures not yet used up, dropped downloads and
   * delays); requests already waiting finish as they were. The request log stays.
   *
   * @since 0.1
   */
  public void clearFaults() {
    router.faults().clear();
  }

  /**
   * Stops listening at once and frees unfinished uploads. Directory storage keeps
   * what was stored; in-memory storage is gone. Idempotent.
   *
   * @since 0.1
   */
  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
    router.discardUploads();
  }

  @Override
  public String toString() {
    return "EmbeddedRegistry[" + address + "]";
  }

  /**
   * Settings for an {@link EmbeddedRegistry}. Not thread-safe; the registry it
   * starts does not change when the builder does.
   *
   * @since 0.1
   */
  public static final class Builder {
    private java.nio.file.@org.jspecify.annotations.Nullable Path directory;
    private boolean referrersApi = true;
    private int port;

    private Builder() {}

    /**
     * Stores blobs, manifests and tags in a directory (created if missing), so that a
     * registry started again on it finds them.
     *
     * @param directory the storage directory
     * @return this builder
     * @since 0.1
     */
    public Builder directory(java.nio.file.Path directory) {
      this.directory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /**
     * Whether the OCI 1.1 referrers API answers (default true). Switched off, it
     * answers 404 and clients must fall back to the {@code sha256-<hex>} tag schema.
     *
     * @param enabled whether {@code /v2/<name>/referrers/<digest>} exists
     * @return this builder
     * @since 0.1
     */
    public Builder referrersApi(boolean enabled) {
      this.referrersApi = enabled;
      return this;
    }

    /**
     * A fixed loopback port instead of a free one.
     *
     * @param port the port, 0 for any free one
     * @return this builder
     * @since 0.1
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Starts the registry.
     *
     * @return the running registry; close it when done
     * @throws EmbeddedRegistryException if it cannot listen or use its directory
     * @since 0.1
     */
    public EmbeddedRegistry start() {
      return new EmbeddedRegistry(this);
    }
  }
}
