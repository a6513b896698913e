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
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

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
 * <p>Thread-safe: any number of clients may push and pull at once.
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
