package dev.ferry.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP relay in front of one registry that notes when the first request byte
 * arrives: the moment a fresh JVM's first request reaches the network. Bytes pass through
 * unchanged and undelayed (one thread per direction and connection: enough for the handful
 * of connections of one copy).
 */
final class FirstByteRelay implements AutoCloseable {
  private static final long NONE = Long.MAX_VALUE;

  private final ServerSocket server;
  private final InetSocketAddress target;
  private final AtomicLong firstByte = new AtomicLong(NONE);
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();

  private FirstByteRelay(ServerSocket server, InetSocketAddress target) {
    this.server = server;
    this.target = target;
  }

  /** Starts a relay on a free loopback port in front of {@code registry} ({@code 127.0.0.1:PORT}). */
  static FirstByteRelay start(String registry) {
    String host = Loopback.requireLoopback(registry);
    int colon = host.lastIndexOf(':');
    InetSocketAddress target = new InetSocketAddress(host.substring(0, colon), Integer.parseInt(host.substring(colon + 1)));
    try {
      ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      FirstByteRelay relay = new FirstByteRelay(server, target);
      daemon("relay-accept-" + server.getLocalPort(), relay::acceptLoop);
      return relay;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code 127.0.0.1:PORT} of the relay. */
  String address() {
    return "127.0.0.1:" + server.getLocalPort();
  }

  /** Forgets the first byte seen so far: the next run starts counting. */
  void reset() {
    firstByte.set(NONE);
  }

  /** {@link System#nanoTime()} when the first request byte arrived since the last reset, if one did. */
  java.util.OptionalLong firstByteNanos() {
    long at = firstByte.get();
    return at == NONE ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(at);
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        client.setTcpNoDelay(true);
        Socket upstream = new Socket();
        upstream.setTcpNoDelay(true);
        upstream.connect(target);
        open.add(client);
        open.add(upstream);
        daemon("relay-up", () -> pump(client, upstream, true));
        daemon("relay-down", () -> pump(upstream, client, false));
      } catch (IOException e) {
        if (server.isClosed()) {
          return;
        }
      }
    }
  }

  private void pump(Socket from, Socket to, boolean request) {
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        if (request && n > 0) {
          long now = System.nanoTime();
          firstByte.accumulateAndGet(now, Math::min);
        }
        out.write(buffer, 0, n);
      }
    } catch (IOException e) {
      // one side closed: close both below, the other pump ends with them
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private void closeQuietly(Socket socket) {
    open.remove(socket);
    try {
      socket.close();
    } catch (IOException e) {
      // closing a relay socket: nothing to recover
    }
  }

  private static void daemon(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // shutting down
    }
    open.forEach(this::closeQuietly);
  }
}
