package dev.ferry.internal.auth;

import dev.ferry.it.MutableClock;
import dev.ferry.auth.Credential;
import dev.ferry.auth.CredentialProvider;
import dev.ferry.internal.http.CallContext;
import dev.ferry.internal.http.Request;
import dev.ferry.internal.http.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.jspecify.annotations.Nullable;

/** One MockWebServer playing both the registry ({@code /v2/...}) and its token server ({@code /token}). */
abstract class MockRegistryFixture {
  static final String REGISTRY = "registry.example";
  static final String SERVICE = "registry.example";
  static final String NGINX = "library/nginx";

  final MockWebServer server = new MockWebServer();
  final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T12:00:00Z"));
  final UrlConnectionTransport transport = new UrlConnectionTransport();

  @BeforeEach
  void startServer() throws IOException {
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  RegistryAuth auth(@Nullable Credential credential) {
    return auth(credential, AuthOptions.defaults());
  }

  RegistryAuth auth(@Nullable Credential credential, AuthOptions options) {
    CredentialProvider provider = credential == null ? CredentialProvider.anonymous()
        : CredentialProvider.of(REGISTRY, credential);
    return new RegistryAuth(transport, provider, clock, options);
  }

  String realm() {
    return server.url("/token").toString();
  }

  URI uri(String path) {
    return server.url(path).uri();
  }

  String bearerChallenge(String scope) {
    return "Bearer realm=\"" + realm() + "\",service=\"" + SERVICE + "\",scope=\"" + scope + "\"";
  }

  void enqueueChallenge(String scope) {
    server.enqueue(new MockResponse.Builder().code(401)
        .addHeader("WWW-Authenticate", bearerChallenge(scope))
        .addHeader("Content-Type", "application/json")
        .body("{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}")
        .build());
  }

  void enqueue(int status, String body, String... headers) {
    MockResponse.Builder b = new MockResponse.Builder().code(status).body(body);
    for (int i = 0; i < headers.length; i += 2) {
      b.addHeader(headers[i], headers[i + 1]);
    }
    server.enqueue(b.build());
  }

  void enqueueToken(String token, int expiresIn) {
    enqueue(200, "{\"token\":\"" + token + "\",\"expires_in\":" + expiresIn + "}", "Content-Type", "application/json");
  }

  void enqueueManifest() {
    enqueue(200, "{\"schemaVersion\":2}", "Content-Type", "application/vnd.oci.image.manifest.v1+json");
  }

  /** Sends a GET of nginx's manifest and returns status and body. */
  Sent getManifest(RegistryAuth auth, List<Scope> scopes) {
    return send(auth, Request.of("GET", uri("/v2/library/nginx/manifests/1.27")), scopes);
  }

  Sent send(RegistryAuth auth, Request request, List<Scope> scopes) {
    try (Response r = auth.send(request, new CallContext(REGISTRY, NGINX), scopes)) {
      return new Sent(r.status(), new String(r.body().readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  RecordedRequest next() {
    try {
      RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
      if (r == null) {
        throw new AssertionError("no request reached the server");
      }
      return r;
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  static String body(RecordedRequest r) {
    return r.getBody() == null ? "" : r.getBody().utf8();
  }

  static String basic(String user, String password) {
    return Authorization.basicHeader(user, password);
  }

  record Sent(int status, String body) {}
}
