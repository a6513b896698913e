package dev.ferry.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A bare HTTP/1.1 client for protocol details a real client hides (status codes, headers, error JSON). */
final class RawHttp {
  record Reply(int status, Map<String, String> headers, byte[] body) {
    Optional<String> header(String name) {
      return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final int port;

  RawHttp(EmbeddedRegistry registry) {
    this(registry.port());
  }

  RawHttp(int port) {
    this.port = port;
  }

  Reply send(String method, String path, byte[] body, String... headers) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      StringBuilder request = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
          .append("Host: localhost:").append(port).append("\r\nConnection: close\r\n")
          .append("Content-Length: ").append(body.length).append("\r\n");
      for (int i = 0; i < headers.length; i += 2) {
        request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
      }
      OutputStream out = socket.getOutputStream();
      out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      InputStream in = socket.getInputStream();
      String status = line(in);
      Map<String, String> replyHeaders = new LinkedHashMap<>();
      for (String line; !(line = line(in)).isEmpty(); ) {
        int colon = line.indexOf(':');
        replyHeaders.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
      }
      byte[] content = "HEAD".equals(method) ? new byte[0]
          : in.readNBytes(Integer.parseInt(replyHeaders.getOrDefault("content-length", "0")));
      return new Reply(Integer.parseInt(status.split(" ")[1]), replyHeaders, content);
    }
  }

  Reply send(String method, String path, String... headers) throws IOException {
    return send(method, path, new byte[0], headers);
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int c; (c = in.read()) != '\n'; ) {
      if (c < 0) {
        throw new IOException("connection closed mid-line");
      }
      if (c != '\r') {
        line.write(c);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }
}
