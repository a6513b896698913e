package dev.ferry.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The start line and headers of one HTTP/1.1 message, as {@link FaultProxy} reads, rewrites
 * and writes them, and the framing of the body that follows (Content-Length, chunked, or
 * to the end of the connection). Immutable.
 */
final class HttpHead {
  private static final int MAX_HEAD = 64 * 1024;

  private final String startLine;
  private final List<String[]> headers;

  HttpHead(String startLine, List<String[]> headers) {
    this.startLine = startLine;
    this.headers = List.copyOf(headers);
  }

  /** Reads a head; empty when the peer closed the connection before sending one. */
  static Optional<HttpHead> read(InputStream in) throws IOException {
    String start = line(in);
    if (start == null) {
      return Optional.empty();
    }
    List<String[]> headers = new ArrayList<>();
    int total = start.length();
    for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
      total += line.length();
      if (total > MAX_HEAD) {
        throw new IOException("HTTP head over " + MAX_HEAD + " bytes");
      }
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.add(new String[] {line.substring(0, colon).trim(), line.substring(colon + 1).trim()});
      }
    }
    return Optional.of(new HttpHead(start, headers));
  }

  /** One CRLF- (or LF-) terminated line without its terminator; null at the end of the stream. */
  static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
      }
      if (line.size() > MAX_HEAD) {
        throw new IOException("HTTP line over " + MAX_HEAD + " bytes");
      }
      line.write(b);
    }
    String text = line.toString(StandardCharsets.ISO_8859_1);
    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
  }

  static HttpHead response(int status, String reason) {
    return new HttpHead("HTTP/1.1 " + status + " " + reason, List.of());
  }

  String method() {
    return startLine.split(" ", 3)[0];
  }

  /** The request target: path and query. */
  String target() {
    String[] parts = startLine.split(" ", 3);
    return parts.length > 1 ? parts[1] : "";
  }

  int status() {
    String[] parts = startLine.split(" ", 3);
    try {
      return parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  HttpHead withTarget(String target) {
    return new HttpHead(method() + " " + target + " HTTP/1.1", headers);
  }

  Optional<String> header(String name) {
    return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).findFirst();
  }

  HttpHead without(Set<String> names) {
    List<String[]> kept = new ArrayList<>();
    for (String[] h : headers) {
      if (names.stream().noneMatch(h[0]::equalsIgnoreCase)) {
        kept.add(h);
      }
    }
    return new HttpHead(startLine, kept);
  }

  HttpHead with(String name, String value) {
    List<String[]> more = new ArrayList<>(without(Set.of(name)).headers);
    more.add(new String[] {name, value});
    return new HttpHead(startLine, more);
  }

  void write(OutputStream out) throws IOException {
    StringBuilder text = new StringBuilder(startLine).append("\r\n");
    for (String[] h : headers) {
      text.append(h[0]).append(": ").append(h[1]).append("\r\n");
    }
    out.write(text.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
  }

  boolean chunked() {
    return header("Transfer-Encoding").map(v -> v.toLowerCase(Locale.ROOT).contains("chunked")).orElse(false);
  }

  /** The declared body length; -1 when chunked or not declared. */
  long contentLength() {
    return chunked() ? -1 : header("Content-Length").map(v -> Long.parseLong(v.trim())).orElse(-1L);
  }

  /** Whether a response to {@code requestMethod} with this head carries a body at all. */
  boolean responseHasBody(String requestMethod) {
    int status = status();
    return !requestMethod.equals("HEAD") && status >= 200 && status != 204 && status != 304;
  }

  /** Whether a request with this head carries a body: only when it says so. */
  boolean requestHasBody() {
    return chunked() || contentLength() > 0;
  }
}
