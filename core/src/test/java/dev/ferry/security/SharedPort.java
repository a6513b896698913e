package dev.ferry.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One loopback port that speaks both TLS and plain HTTP, as a registry's port looks to a client
 * that was handed {@code http://} for an {@code https://} registry: a connection that opens with
 * a TLS record is relayed byte for byte to the real (TLS) server behind; one that opens with
 * anything else is a plain-HTTP request, whose head is recorded and answered with a 400. So a
 * test can see whether a client sent its credentials in clear text to the registry's own
 * host and port, which a second server on another port cannot show.
 *
 * <p>Every thread is a daemon and every loop ends when the port is closed.
 */
final class SharedPort implements AutoCloseable {
  private static final int TLS_HANDSHAKE_RECORD = 0x16;
  private static final int MAX_HEAD_BYTES = 64 * 1024;
  private static final int END_OF_HEAD = '\r' << 24 | '\n' << 16 | '\r' << 8 | '\n';

  private final ServerSocket server;
  private final InetAddress backendAddress;
  private final int backendPort;
  private final List<String> plainRequests = new CopyOnWriteArrayList<>();
  private final List<Socket> open = new CopyOnWriteArrayList<>();

  SharedPort(InetAddress address, int backendPort) throws IOException {
    this.server = new ServerSocket(0, 50, address);
    this.backendAddress = address;
    this.backendPort = backendPort;
    daemon(this::acceptLoop, "shared-port-accept");
  }

  int port() {
    return server.getLocalPort();
  }

  /** The heads (request line and headers) of every plain-HTTP request that reached this port. */
  List<String> plainRequests() {
    return List.copyOf(plainRequests);
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        open.add(client);
        daemon(() -> serve(client), "shared-port-conn");
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try {
      InputStream in = client.getInputStream();
      int first = in.read();
      if (first < 0) {
        client.close();
      } else if (first == TLS_HANDSHAKE_RECORD) {
        relay(client, first);
      } else {
        recordPlain(client, first);
      }
    } catch (IOException ignored) {
      // a client that went away; nothing to record
    }
  }

  private void relay(Socket client, int first) throws IOException {
    Socket backend = new Socket(backendAddress, backendPort);
    open.add(backend);
    backend.getOutputStream().write(first);
    daemon(() -> pipe(client, backend), "shared-port-up");
    pipe(backend, client);
  }

  private static void pipe(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (from; to) {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      for (int n; (n = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException ignored) {
      // either side closed: the relay ends with it
    }
  }

  private void recordPlain(Socket client, int first) throws IOException {
    try (client) {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      head.write(first);
      InputStream in = client.getInputStream();
      int lastFour = first;
      while (head.size() < MAX_HEAD_BYTES && lastFour != END_OF_HEAD) {
        int b = in.read();
        if (b < 0) {
          break;
        }
        head.write(b);
        lastFour = lastFour << 8 | b;
      }
      plainRequests.add(head.toString(StandardCharsets.ISO_8859_1));
      client.getOutputStream().write(("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
    }
  }

  private static void daemon(Runnable task, String name) {
    Thread t = new Thread(task, name);
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : open) {
      try {
        s.close();
      } catch (SocketException ignored) {
        // already closed
      }
    }
  }
}
