package dev.ferry.testing.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.ferry.reference.Digest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * A second host, on {@code 127.0.0.1} and its own port, that serves blob bytes to
 * signed URLs the registry redirects blob downloads to, the way S3 or GCS serve the
 * pre-signed URLs of a cloud registry: {@code GET /storage/<digest>?expires=..&signature=..}
 * (and HEAD, with {@code Range}). Like S3 it refuses a request that carries an
 * {@code Authorization} header next to the signature (400), an unsigned, wrongly signed
 * or expired URL (403). Its requests go into the registry's request log and meet its
 * faults (failures, delays, dropped downloads). Thread-safe.
 */
public final class BlobStorageHost implements AutoCloseable {
  /** How long a signed URL is good for. */
  static final Duration URL_LIFETIME = Duration.ofMinutes(10);
  private static final Pattern PATH = Pattern.compile("/storage/([^/]+)");

  private final HttpServer server;
  private final Router router;
  private final String scheme;
  private final byte[] key = new byte[32];

  /**
   * Starts the host on a free loopback port and points the router's blob downloads at it.
   *
   * @param tls serves HTTPS with it when present (the registry's own certificate also names 127.0.0.1)
   */
  public BlobStorageHost(Router router, @Nullable SSLContext tls, ExecutorService pool) throws IOException {
    this.router = router;
    new SecureRandom().nextBytes(key);
    InetSocketAddress loopback = new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0);
    if (tls == null) {
      server = HttpServer.create(loopback, 128);
      scheme = "http";
    } else {
      HttpsServer https = HttpsServer.create(loopback, 128);
      https.setHttpsConfigurator(new HttpsConfigurator(tls));
      server = https;
      scheme = "https";
    }
    server.createContext("/", this::handle);
    server.setExecutor(pool);
    server.start();
    router.registry().redirectBlobs(this);
  }

  /** {@code 127.0.0.1:PORT}. */
  public String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** A signed URL for the blob, good for {@link #URL_LIFETIME}. */
  URI locationOf(Digest digest) {
    long expires = router.clock().instant().plus(URL_LIFETIME).getEpochSecond();
    return URI.create(scheme + "://" + address() + "/storage/" + digest + "?expires=" + expires
        + "&signature=" + sign(digest.toString(), expires));
  }

  private String sign(String digest, long expires) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal((digest + "\n" + expires).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    router.answer(exchange, false, (call, line, path) -> serve(call, path));
  }

  private void serve(Call call, String path) throws IOException {
    Matcher m = PATH.matcher(path);
    if (!m.matches() || !(call.method().equals("GET") || call.isHead())) {
      text(call, 404, "no such object");
      return;
    }
    if (call.header("Authorization").isPresent()) {
      text(call, 400, "InvalidArgument: only one auth mechanism allowed; the URL is signed,"
          + " an Authorization header must not be sent with it");
      return;
    }
    Digest digest = Digests.parse(m.group(1));
    Optional<String> expires = call.query("expires").filter(e -> e.matches("[0-9]{1,12}"));
    Optional<String> signature = call.query("signature");
    if (expires.isEmpty() || signature.isEmpty() || !MessageDigest.isEqual(
        sign(digest.toString(), Long.parseLong(expires.get())).getBytes(StandardCharsets.US_ASCII),
        signature.get().getBytes(StandardCharsets.US_ASCII))) {
      text(call, 403, "SignatureDoesNotMatch");
      return;
    }
    if (router.clock().instant().getEpochSecond() > Long.parseLong(expires.get())) {
      text(call, 403, "AccessDenied: request has expired");
      return;
    }
    Storage storage = router.registry().storage();
    Optional<Long> size = storage.blobSize(digest);
    if (size.isEmpty()) {
      text(call, 404, "NoSuchKey");
      return;
    }
    call.truncateWith(router.faults()::takeDrop);
    BlobHandler.read(call, storage, digest, size.get());
  }

  private static void text(Call call, int status, String message) throws IOException {
    call.send(status, "text/plain; charset=utf-8", message.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    router.registry().redirectBlobs(null);
    server.stop(0);
  }
}
