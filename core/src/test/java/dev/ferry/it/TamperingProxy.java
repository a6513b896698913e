package dev.ferry.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy in front of a registry that tampers with the first connections to
 * carry more than a given number of bytes one way. Only blob bodies are that large, so
 * {@link #resetUploads} cuts the next uploads in the middle of their body (RST to both
 * sides, as a flaky link or a restarting load balancer does), and {@link #corruptDownloads}
 * flips one byte in the middle of the next blob downloads.
 */
public final class TamperingProxy implements AutoCloseable {
  private final ServerSocket server;
  private final String upstreamHost;
  private final int upstreamPort;
  private final long afterBytes;
  private final boolean corrupt;
  private volatile long every = Long.MAX_VALUE / 2;
  private final AtomicInteger left;
  private final AtomicInteger resets = new AtomicInteger();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  private TamperingProxy(String upstream, long afterBytes, int times, boolean corrupt) throws IOException {
    this.corrupt = corrupt;
    int colon = upstream.lastIndexOf(':');
    this.upstreamHost = upstream.substring(0, colon);
    this.upstreamPort = Integer.parseInt(upstream.substring(colon + 1));
    this.afterBytes = afterBytes;
    this.left = new AtomicInteger(times);
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::accept, "reset-proxy-accept");
    accept.setDaemon(true);
    accept.start();
  }

  /**
   * Proxies to {@code upstream} ({@code host:port}), resetting connections that send more.
   *
   * @param afterBytes bytes a connection may send to the registry before it is reset
   * @param times how many connections to reset; later ones pass untouched
   */
  public static TamperingProxy resetUploads(String upstream, long afterBytes, int times) {
    return start(upstream, afterBytes, times, false);
  }

  /**
   * Proxies to {@code upstream} ({@code host:port}), flipping the lowest bit of the byte at
   * {@code atByte} of what a connection receives from the registry, and again every
   * {@code everyBytes} after it on the same connection (a kept-alive connection carries the
   * next download too) while corruptions are left.
   *
   * @param times how many bytes to corrupt in all
   */
  public static TamperingProxy corruptDownloads(String upstream, long atByte, long everyBytes, int times) {
    TamperingProxy proxy = start(upstream, atByte, times, true);
    proxy.every = everyBytes;
    return proxy;
  }

  private static TamperingProxy start(String upstream, long bytes, int times, boolean corrupt) {
    try {
      return new TamperingProxy(upstream, bytes, times, corrupt);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code 127.0.0.1:PORT}, to use as the registry's address. */
  public String address() {
    return "127.0.0.1:" + server.getLocalPort();
  }

  /** How many connections were tampered with so far. */
  public int tampered() {
    return resets.get();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket(upstreamHost, upstreamPort);
        sockets.add(client);
        sockets.add(upstream);
        pump(upstream.getInputStream(), client, corrupt ? afterBytes : Long.MAX_VALUE, client, upstream);
        pump(client.getInputStream(), upstream, corrupt ? Long.MAX_VALUE : afterBytes, client, upstream);
      } catch (IOException e) {
        return;
      }
    }
  }

  private void pump(InputStream in, Socket to, long tamperAt, Socket client, Socket upstream) throws IOException {
    OutputStream out = to.getOutputStream();
    Thread t = new Thread(() -> {
      byte[] buffer = new byte[64 * 1024];
      long carried = 0;
      long limit = tamperAt;
      try {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          if (carried + n > limit && left.getAndDecrement() > 0) {
            if (corrupt) {
              buffer[(int) (limit - carried)] ^= 1;
              out.write(buffer, 0, n);
              resets.incrementAndGet();
              limit += every;
              carried += n;
              continue;
            }
            out.write(buffer, 0, (int) (limit - carried));
            out.flush();
            resets.incrementAndGet();
            reset(client);
            reset(upstream);
            return;
          }
          out.write(buffer, 0, n);
          carried += n;
        }
        to.shutdownOutput();
      } catch (IOException e) {
        close(client);
        close(upstream);
      }
    }, "reset-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void reset(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
    } catch (IOException ignored) {
      // closing is what matters
    }
    close(socket);
  }

  private static void close(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already gone
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // stopping anyway
    }
    sockets.forEach(TamperingProxy::close);
  }
}
