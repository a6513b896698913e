package dev.ferry.auth.gcp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * Stands in for Google's OAuth2 token endpoint ({@code token_uri} of a service-account key)
 * and for the metadata server's token path: issues {@code ya29.stand-in-N} tokens with a set
 * lifetime, records what was asked, and refuses on demand.
 */
final class GoogleTokenEndpoint implements AutoCloseable {
  static final String TOKEN_PATH = "/token";
  static final String METADATA_TOKEN_PATH = "/computeMetadata/v1/instance/service-accounts/default/token";

  private final MockWebServer server = new MockWebServer();
  private final AtomicInteger issued = new AtomicInteger();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private volatile long lifetimeSeconds = 3600;
  private volatile int refuseWith;

  GoogleTokenEndpoint() throws IOException {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        requests.add(request);
        if (refuseWith != 0) {
          return json(refuseWith, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}");
        }
        String path = request.getUrl().encodedPath();
        if (!path.equals(TOKEN_PATH) && !path.equals(METADATA_TOKEN_PATH)) {
          return json(404, "{\"error\":\"not_found\"}");
        }
        return json(200, "{\"access_token\":\"ya29.stand-in-" + issued.incrementAndGet() + "\",\"expires_in\":"
            + lifetimeSeconds + ",\"token_type\":\"Bearer\"}");
      }
    });
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  String tokenUri() {
    return "http://127.0.0.1:" + server.getPort() + TOKEN_PATH;
  }

  int port() {
    return server.getPort();
  }

  void lifetimeSeconds(long seconds) {
    lifetimeSeconds = seconds;
  }

  void refuseWith(int status) {
    refuseWith = status;
  }

  List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /** A fresh RSA key pair, as Google generates for a service-account key. */
  static KeyPair rsaKey() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A service-account key file's JSON whose {@code token_uri} is this stand-in. */
  String serviceAccountKeyJson(KeyPair key, String clientEmail) {
    String pem = "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
    return "{\"type\":\"service_account\",\"project_id\":\"ferry-test\",\"private_key_id\":\"k1\","
        + "\"private_key\":\"" + pem.replace("\n", "\\n") + "\",\"client_email\":\"" + clientEmail + "\","
        + "\"client_id\":\"1234567890\",\"token_uri\":\"" + tokenUri() + "\"}";
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
  }

  @Override
  public void close() {
    server.close();
  }
}
