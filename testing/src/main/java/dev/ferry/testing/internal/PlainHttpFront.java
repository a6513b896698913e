package dev.ferry.testing.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * The public port of a plain-HTTP registry. The JDK's HTTP server reads a request line
 * up to CRLF, so a TLS ClientHello sent to it (clients that try HTTPS first, such as
 * skopeo with {@code --tls-verify=false}) hangs until the client's handshake timeout,
 * about ten seconds. This front reads the first byte of each connection: a TLS
 * handshake record (0x16) gets a plain-HTTP 400 at once, as Go's server answers, and
 * the connection is closed, so the client falls back to HTTP immediately; anything else
 * is relayed byte for byte to the HTTP server on its own loopback port. Thread-safe.
 */
public final class PlainHttpFront implements AutoCloseable {
  private static final int TLS_HANDSHAKE_RECORD = 0x16;
  private static final byte[] NOT_TLS = ("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\n"
      + "Connection: close\r\nContent-Length: 48\r\n\r\nClient sent a TLS handshake to a plain-HTTP port")
      .getBytes(StandardCharsets.US_ASCII);

  private final ServerSocket listener;
  private final int backendPort;
  private final ExecutorService pool;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /**
   * Listens on {@code port} (0: any free one) of the loopback interface.
   *
   * @param backendPort the HTTP server's own loopback port
   * @param pool runs the accept loop and two relays per connection
   */
  public PlainHttpFront(int port, int backendPort, ExecutorService pool) throws IOException {
    this.listener = new ServerSocket();
    listener.setReuseAddress(true);
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
    this.backendPort = backendPort;
    this.pool = pool;
    pool.execute(this::accept);
  }

  /** The public port. */
  public int port() {
    return listener.getLocalPort();
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = listener.accept();
        open.add(client);
        pool.execute(() -> serve(client));
      } catch (IOException e) {
        if (closed) {
          return;
        }
      } catch (java.util.concurrent.RejectedExecutionException e) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    Socket backend = null;
    try {
      client.setTcpNoDelay(true);
      InputStream in = client.getInputStream();
      int first = in.read();
      if (first == TLS_HANDSHAKE_RECORD) {
        client.getOutputStream().write(NOT_TLS);
        client.getOutputStream().flush();
        // closing with the rest of the ClientHello unread would reset the connection before the
        // client reads the answer: end our side, and read until the client ends its own
        client.shutdownOutput();
        client.setSoTimeout(2_000);
        in.skip(Long.MAX_VALUE);
      }
      if (first < 0 || first == TLS_HANDSHAKE_RECORD) {
        close(client);
        return;
      }
      backend = new Socket(InetAddress.getLoopbackAddress(), backendPort);
      open.add(backend);
      backend.setTcpNoDelay(true);
      Socket server = backend;
      pool.execute(() -> relay(server, client, true));
      OutputStream toServer = backend.getOutputStream();
      toServer.write(first);
      relay(client, backend, false);
      return;
    } catch (IOException | java.util.concurrent.RejectedExecutionException e) {
      // the client or the registry went away; nothing to tell anyone
    }
    close(client);
    if (backend != null) {
      close(backend);
    }
  }

  /**
   * Copies {@code from} to {@code to} until end of stream. The client ending its side
   * only half-closes the server's (the answer may still come); the server ending its
   * side, or any failure, closes both.
   */
  private void relay(Socket from, Socket to, boolean fromServer) {
    byte[] buffer = new byte[64 * 1024];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      for (int n; (n = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, n);
        out.flush();
      }
      if (!fromServer) {
        to.shutdownOutput();
        return;
      }
    } catch (IOException e) {
      // a dropped connection on either side ends both
    }
    close(from);
    close(to);
  }

  private void close(Socket socket) {
    open.remove(socket);
    try {
      socket.close();
    } catch (IOException e) {
      // closing is all we wanted
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      listener.close();
    } catch (IOException e) {
      // already closed
    }
    for (Socket socket : open) {
      close(socket);
    }
  }
}
