package dev.ferry.benchmarks;

import java.io.Closeable;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A wide-area link as raw TCP: every byte is delayed by half a round trip each way
 * ({@link DelayedPipe}), and nothing is parsed or terminated, so TLS (and its ALPN
 * choice of HTTP/2 or HTTP/1.1) runs end to end between the client and the server
 * behind it. {@link DelayProxy} terminates TLS itself (HTTP/1.1 only), which would hide
 * HTTP/2; {@link Http2Probe} needs this one. Counts the connections it accepted: each
 * is one TCP handshake and, with TLS, one TLS handshake.
 *
 * <p>Thread-safe; each connection runs on its own threads until either side closes.
 */
final class TcpDelayLine implements Closeable {
  private final InetSocketAddress upstream;
  private final long oneWayNanos;
  private final ServerSocket listener;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "tcp-delay-line");
    t.setDaemon(true);
    return t;
  });
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger accepted = new AtomicInteger();
  private final LongAdder cpuNanos = new LongAdder();
  /** The threads running a task now, with their CPU time when it began. */
  private final Map<Long, Long> running = new ConcurrentHashMap<>();
  private volatile boolean closed;

  private TcpDelayLine(InetSocketAddress upstream, Duration rtt) throws IOException {
    this.upstream = upstream;
    this.oneWayNanos = rtt.toNanos() / 2;
    this.listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    threads.execute(this::accept);
  }

  /** Starts a delay line on a free loopback port in front of {@code upstream}. */
  static TcpDelayLine start(InetSocketAddress upstream, Duration rtt) throws IOException {
    return new TcpDelayLine(upstream, rtt);
  }

  int port() {
    return listener.getLocalPort();
  }

  /** Connections accepted so far. */
  int connections() {
    return accepted.get();
  }

  /** CPU seconds this line's threads have used so far, connections still open included. */
  double cpuSeconds() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long live = 0;
    for (Map.Entry<Long, Long> task : running.entrySet()) {
      long now = mx.getThreadCpuTime(task.getKey());
      live += now < 0 ? 0 : Math.max(0, now - task.getValue());
    }
    return (cpuNanos.sum() + live) / 1e9;
  }

  /** Connections still open. */
  int openConnections() {
    return open.size() / 2;
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = listener.accept();
        long at = System.nanoTime();
        accepted.incrementAndGet();
        Socket server = new Socket();
        server.connect(upstream);
        client.setTcpNoDelay(true);
        server.setTcpNoDelay(true);
        open.add(client);
        open.add(server);
        AtomicInteger ends = new AtomicInteger();
        Runnable ended = () -> {
          if (ends.incrementAndGet() == 2) {
            DelayProxy.closeQuietly(client);
            DelayProxy.closeQuietly(server);
            open.remove(client);
            open.remove(server);
          }
        };
        // the client's first bytes could not leave before its own TCP handshake, one round trip
        new DelayedPipe(client, server, oneWayNanos, at + 2 * oneWayNanos, ended).start(this::run);
        new DelayedPipe(server, client, oneWayNanos, 0, ended).start(this::run);
      } catch (IOException e) {
        if (!closed) {
          CopyBenchmark.log("tcp delay line: " + e);
        }
      }
    }
  }

  private void run(Runnable task) {
    threads.execute(() -> {
      ThreadMXBean mx = ManagementFactory.getThreadMXBean();
      long id = Thread.currentThread().getId();
      long before = mx.getCurrentThreadCpuTime();
      running.put(id, before);
      try {
        task.run();
      } finally {
        // added before removed: a reader may count a task twice for an instant, never miss it
        cpuNanos.add(mx.getCurrentThreadCpuTime() - before);
        running.remove(id);
      }
    });
  }

  @Override
  public void close() {
    closed = true;
    DelayProxy.closeQuietly(listener);
    open.forEach(DelayProxy::closeQuietly);
    threads.shutdownNow();
  }
}
