package dev.ferry.testing.internal;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The sockets of one registry: the JDK's HTTPS server on the public port, or for plain
 * HTTP the JDK's HTTP server behind a {@link PlainHttpFront} that turns TLS handshakes
 * away at once; and, on request, the {@link BlobStorageHost} blob downloads are
 * redirected to. Their threads are daemons from one pool. Thread-safe.
 */
public final class Listeners implements AutoCloseable {
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final ExecutorService pool;
  private final HttpServer server;
  private final @Nullable PlainHttpFront front;
  private final @Nullable BlobStorageHost storageHost;
  private final Router router;
  private final int port;

  /**
   * Binds, builds the router for the public address, then starts answering.
   *
   * @param port the public loopback port, 0 for a free one
   * @param tls serves HTTPS with it when present
   * @param routerFor builds the router given the public {@code localhost:PORT}
   * @param storageHost whether to start a blob storage host and redirect blob downloads to it
   */
  public Listeners(int port, @Nullable TlsMaterial tls, Function<String, Router> routerFor, boolean storageHost)
      throws IOException {
    int instance = INSTANCES.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    this.pool = Executors.newCachedThreadPool(task -> {
      Thread thread = new Thread(task, "ferry-registry-" + instance + "-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    HttpServer bound = null;
    PlainHttpFront plainFront = null;
    try {
      if (tls != null) {
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
        https.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
        bound = https;
      } else {
        bound = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        plainFront = new PlainHttpFront(port, bound.getAddress().getPort(), pool);
      }
      this.port = plainFront != null ? plainFront.port() : bound.getAddress().getPort();
      this.router = routerFor.apply("localhost:" + this.port);
      bound.createContext("/", router);
      bound.setExecutor(pool);
      bound.start();
      this.storageHost = storageHost ? new BlobStorageHost(router, tls == null ? null : tls.serverContext(), pool)
          : null;
    } catch (IOException | RuntimeException e) {
      if (plainFront != null) {
        plainFront.close();
      }
      if (bound != null) {
        bound.stop(0);
      }
      pool.shutdownNow();
      throw e;
    }
    this.server = bound;
    this.front = plainFront;
  }

  /** The public port. */
  public int port() {
    return port;
  }

  public Router router() {
    return router;
  }

  /** {@code 127.0.0.1:PORT} of the blob storage host, if there is one. */
  public Optional<String> storageAddress() {
    return Optional.ofNullable(storageHost).map(BlobStorageHost::address);
  }

  @Override
  public void close() {
    if (front != null) {
      front.close();
    }
    if (storageHost != null) {
      storageHost.close();
    }
    server.stop(0);
    pool.shutdownNow();
  }
}
