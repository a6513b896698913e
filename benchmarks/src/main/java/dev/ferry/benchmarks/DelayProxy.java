package dev.ferry.benchmarks;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLContext;

/**
 * A wide-area link in front of a local server: a loopback TCP proxy that delays every
 * byte by half a round trip in each direction, so one HTTP exchange costs one round
 * trip, a new TCP connection one more (its first bytes wait for the handshake), and a
 * TLS handshake its own round trips. Latency only: bandwidth is not limited.
 *
 * <p>Two hops on loopback: the delay line ({@link DelayedPipe}, TCP bytes, TLS records
 * included) on {@link #address()}, then a relay ({@link RecordingRelay}) that serves
 * plain HTTP or terminates TLS, as a registry's load balancer does, forwards plaintext
 * to the upstream server and records every request in {@link Exchanges}.
 *
 * <pre>{@code
 * Exchanges log = new Exchanges();
 * try (DelayProxy wan = DelayProxy.start("source", registryAddress, Duration.ofMillis(50), Optional.empty(), log)) {
 *   ... copy from wan.address() ...
 *   int chain = Exchanges.longestChain(log.snapshot());
 * }
 * }</pre>
 *
 * <p>Thread-safe; each connection runs on its own threads until either side closes.
 */
final class DelayProxy implements Closeable {
  private final String label;
  private final InetSocketAddress upstream;
  private final long oneWayNanos;
  private final Exchanges log;
  private final ServerSocket outer;
  private final ServerSocket inner;
  private final ExecutorService threads;
  /** Each open socket, with when it was opened. */
  private final Map<Socket, Long> open = new ConcurrentHashMap<>();
  /** When each connection reached the delay line, by the local port of its hop to the relay. */
  private final boolean tls;
  private final Map<Integer, Long> connectedAt = new ConcurrentHashMap<>();
  private final LongAdder cpuNanos = new LongAdder();
  private volatile boolean closed;

  private DelayProxy(String label, InetSocketAddress upstream, Duration rtt, Optional<SSLContext> tls, Exchanges log)
      throws IOException {
    this.label = label;
    this.upstream = upstream;
    this.oneWayNanos = rtt.toNanos() / 2;
    this.log = log;
    this.tls = tls.isPresent();
    InetAddress loopback = InetAddress.getLoopbackAddress();
    this.inner = tls.isPresent() ? tls.get().getServerSocketFactory().createServerSocket(0, 200, loopback)
        : new ServerSocket(0, 200, loopback);
    this.outer = new ServerSocket(0, 200, loopback);
    this.threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "delay-proxy-" + label);
      t.setDaemon(true);
      return t;
    });
    threads.execute(this::acceptOuter);
    threads.execute(this::acceptInner);
  }

  /**
   * Starts a proxy on a free loopback port.
   *
   * @param label names this proxy's requests in the log, e.g. {@code source}
   * @param upstream the plain-HTTP server behind it
   * @param rtt the round trip to model; zero relays at loopback speed (still recording)
   * @param tls serve HTTPS with this context (the server certificate), or plain HTTP
   * @param log where requests are recorded
   */
  static DelayProxy start(String label, InetSocketAddress upstream, Duration rtt, Optional<SSLContext> tls,
      Exchanges log) {
    if (rtt.isNegative()) {
      throw new IllegalArgumentException("the round trip must not be negative: " + rtt);
    }
    try {
      return new DelayProxy(label, upstream, rtt, tls, log);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the delay proxy " + label, e);
    }
  }

  /** {@code 127.0.0.1:PORT}: where clients connect. */
  String address() {
    return "127.0.0.1:" + outer.getLocalPort();
  }

  private void acceptOuter() {
    while (!closed) {
      try {
        Socket client = track(outer.accept());
        long accepted = System.nanoTime();
        Socket hop = track(new Socket());
        hop.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        connectedAt.put(hop.getLocalPort(), accepted);
        hop.connect(inner.getLocalSocketAddress());
        client.setTcpNoDelay(true);
        hop.setTcpNoDelay(true);
        Connection both = new Connection(client, hop);
        // the client's first bytes leave when its handshake is done, one round trip after it began
        new DelayedPipe(client, hop, oneWayNanos, accepted + 2 * oneWayNanos, both::ended).start(this::run);
        new DelayedPipe(hop, client, oneWayNanos, 0, both::ended).start(this::run);
      } catch (IOException e) {
        if (!closed) {
          CopyBenchmark.log("delay proxy " + label + ": " + e);
        }
      }
    }
  }

  private void acceptInner() {
    while (!closed) {
      try {
        Socket client = track(inner.accept());
        Long accepted = connectedAt.remove(client.getPort());
        Socket server = track(new Socket());
        server.connect(upstream);
        client.setTcpNoDelay(true);
        server.setTcpNoDelay(true);
        new RecordingRelay(label, client, server, oneWayNanos, accepted == null ? System.nanoTime() : accepted, log,
            () -> {
              untrack(client);
              untrack(server);
            }, tls).start(this::run);
      } catch (IOException e) {
        if (!closed) {
          CopyBenchmark.log("delay proxy " + label + ": " + e);
        }
      }
    }
  }

  /** Runs a connection's task on the proxy's threads, adding the CPU time it used to {@link #cpuSeconds()}. */
  private void run(Runnable task) {
    threads.execute(() -> {
      ThreadMXBean mx = ManagementFactory.getThreadMXBean();
      long before = mx.getCurrentThreadCpuTime();
      try {
        task.run();
      } finally {
        cpuNanos.add(mx.getCurrentThreadCpuTime() - before);
      }
    });
  }

  /**
   * CPU seconds this proxy's connection threads have used (counted when each connection's
   * task ends), so the harness can take them out of its own CPU time.
   */
  double cpuSeconds() {
    return cpuNanos.sum() / 1e9;
  }

  private Socket track(Socket socket) {
    open.put(socket, System.nanoTime());
    return socket;
  }

  private void untrack(Socket socket) {
    synchronized (open) {
      open.remove(socket);
      open.notifyAll();
    }
  }

  /**
   * Waits until every connection opened since {@code sinceNanos} has ended (at most
   * {@code timeout}), so that their threads' CPU time is in {@link #cpuSeconds()}.
   */
  void awaitClosed(long sinceNanos, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (open) {
      for (long left = timeout.toMillis(); open.values().stream().anyMatch(t -> t >= sinceNanos) && left > 0;
          left = (deadline - System.nanoTime()) / 1_000_000) {
        try {
          open.wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Both directions of a delay-line connection: the sockets close when both have ended. */
  private final class Connection {
    private final Socket a;
    private final Socket b;
    private int ended;

    Connection(Socket a, Socket b) {
      this.a = a;
      this.b = b;
    }

    synchronized void ended() {
      if (++ended == 2) {
        closeQuietly(a);
        closeQuietly(b);
        untrack(a);
        untrack(b);
      }
    }
  }

  static void closeQuietly(Closeable c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // closing on the way out: nothing left to tell
    }
  }

  @Override
  public void close() {
    closed = true;
    closeQuietly(outer);
    closeQuietly(inner);
    open.keySet().forEach(DelayProxy::closeQuietly);
    threads.shutdownNow();
    try {
      threads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
