package dev.ferry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fault proxy's own behaviour, in front of a MockWebServer standing in for a registry. */
class FaultProxyTest {
  private static final byte[] BLOB = blob(300_000);

  private final MockWebServer upstream = new MockWebServer();
  private FaultProxy proxy;

  @BeforeEach
  void start() throws IOException {
    upstream.start(java.net.InetAddress.getLoopbackAddress(), 0);
    proxy = FaultProxy.start(URI.create("http://127.0.0.1:" + upstream.getPort()));
  }

  @AfterEach
  void stop() {
    proxy.close();
    upstream.close();
  }

  private static byte[] blob(int size) {
    try (java.io.InputStream in = new GeneratedBlob(size, 7).open(0)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private void serveBlob() {
    upstream.enqueue(new MockResponse.Builder().code(200).setHeader("Docker-Content-Digest", "sha256:abc")
        .body(new okio.Buffer().write(BLOB)).build());
  }

  /** What a plain JDK client got back. */
  private record Reply(int status, HttpURLConnection connection, byte[] body) {
    Optional<String> header(String name) {
      return Optional.ofNullable(connection.getHeaderField(name));
    }
  }

  private static Reply send(String method, URI uri, byte[] body, String... headers) throws IOException {
    HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
    c.setInstanceFollowRedirects(false);
    c.setRequestMethod(method);
    for (int i = 0; i + 1 < headers.length; i += 2) {
      c.setRequestProperty(headers[i], headers[i + 1]);
    }
    if (body != null) {
      c.setDoOutput(true);
      c.setFixedLengthStreamingMode(body.length);
      try (OutputStream out = c.getOutputStream()) {
        out.write(body);
      }
    }
    int status = c.getResponseCode();
    try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
      return new Reply(status, c, in == null ? new byte[0] : in.readAllBytes());
    }
  }

  private Reply get(String path, String... headers) throws IOException {
    return send("GET", proxy.baseUri().resolve(path), null, headers);
  }

  @Test
  void forwardsTheRequestWithItsHostAndTheAnswerUnchanged() throws Exception {
    serveBlob();

    Reply response = get("/v2/app/blobs/sha256:abc?x=1");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(BLOB);
    assertThat(response.header("Docker-Content-Digest")).hasValue("sha256:abc");
    RecordedRequest seen = upstream.takeRequest(5, TimeUnit.SECONDS);
    assertThat(seen.getTarget()).isEqualTo("/v2/app/blobs/sha256:abc?x=1");
    assertThat(seen.getHeaders().get("Host")).isEqualTo(proxy.address());
    assertThat(proxy.requests()).singleElement().satisfies(e -> {
      assertThat(e.method()).isEqualTo("GET");
      assertThat(e.status()).isEqualTo(200);
      assertThat(e.faults()).isEmpty();
    });
  }

  @Test
  void answersAScriptedStatusOnlyForTheChosenOccurrences() throws Exception {
    FaultRule rule = proxy.on("GET", "/manifests/").skip(1).times(1).respond(429, Map.of("Retry-After", "7"));
    upstream.enqueue(new MockResponse.Builder().code(200).body("first").build());
    upstream.enqueue(new MockResponse.Builder().code(200).body("third").build());

    int first = get("/v2/app/manifests/1").status();
    Reply second = get("/v2/app/manifests/1");
    int third = get("/v2/app/manifests/1").status();

    assertThat(first).isEqualTo(200);
    assertThat(second.status()).isEqualTo(429);
    assertThat(second.header("Retry-After")).hasValue("7");
    assertThat(new String(second.body(), StandardCharsets.UTF_8)).contains("TOOMANYREQUESTS");
    assertThat(third).isEqualTo(200);
    assertThat(rule.fired()).isEqualTo(1);
    assertThat(upstream.getRequestCount()).isEqualTo(2);
  }

  @Test
  void resetsTheResponseAfterTheGivenBodyBytes() {
    serveBlob();
    proxy.on("GET", "/blobs/").resetResponseAfter(100_000);

    assertThatThrownBy(() -> get("/v2/app/blobs/sha256:abc")).isInstanceOf(IOException.class);
    assertThat(proxy.requests()).singleElement().satisfies(e -> assertThat(e.faults()).containsExactly(
        "reset-response@100000"));
  }

  @Test
  void resetsTheRequestAfterTheGivenBodyBytesWithoutAnswering() {
    proxy.on("PUT", "/blobs/uploads/").resetRequestAfter(1000);
    URI upload = proxy.baseUri().resolve("/v2/app/blobs/uploads/u?digest=x");

    assertThatThrownBy(() -> send("PUT", upload, BLOB)).isInstanceOf(IOException.class);
    assertThat(proxy.requests()).singleElement().satisfies(e -> assertThat(e.status()).isZero());
  }

  @Test
  void flipsOneByteAndStripsAHeaderOfTheSameResponse() throws Exception {
    serveBlob();
    proxy.on("GET", "/blobs/").flipResponseByte(1234);
    proxy.on(FaultProxy.ANY, "").always().stripResponseHeader("Docker-Content-Digest");

    Reply response = get("/v2/app/blobs/sha256:abc");

    assertThat(response.header("Docker-Content-Digest")).isEmpty();
    byte[] body = response.body();
    assertThat(body).hasSameSizeAs(BLOB);
    assertThat(body[1234]).isNotEqualTo(BLOB[1234]);
    body[1234] = BLOB[1234];
    assertThat(body).isEqualTo(BLOB);
  }

  @Test
  void redirectsToAStorageHostThatServesTheBytesWithTheOriginalRequestsCredentials() throws Exception {
    serveBlob();
    proxy.on("GET", "/blobs/").redirectToStorage();

    Reply redirect = get("/v2/app/blobs/sha256:abc", "Authorization", "Bearer secret-token");
    URI location = URI.create(redirect.header("Location").orElseThrow());
    Reply stored = send("GET", location, null);

    assertThat(redirect.status()).isEqualTo(307);
    assertThat(location.getHost()).isEqualTo("localhost");
    assertThat(location.getPort()).isNotEqualTo(proxy.baseUri().getPort());
    assertThat(stored.body()).isEqualTo(BLOB);
    RecordedRequest fetched = upstream.takeRequest(5, TimeUnit.SECONDS);
    assertThat(fetched.getTarget()).isEqualTo("/v2/app/blobs/sha256:abc");
    assertThat(fetched.getHeaders().get("Authorization")).isEqualTo("Bearer secret-token");
    assertThat(proxy.storageRequests()).singleElement().satisfies(e -> {
      assertThat(e.authorized()).isFalse();
      assertThat(e.status()).isEqualTo(200);
    });
  }

  @Test
  void revokedCredentialsReachTheUpstreamWithoutAuthorizationAndNewOnesPass() throws Exception {
    for (int i = 0; i < 3; i++) {
      upstream.enqueue(new MockResponse.Builder().code(200).build());
    }
    get("/v2/", "Authorization", "Bearer old");
    proxy.on("GET", "/v2/").revokeAuthorizations();

    get("/v2/", "Authorization", "Bearer old");
    get("/v2/", "Authorization", "Bearer new");

    upstream.takeRequest(5, TimeUnit.SECONDS);
    assertThat(upstream.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Authorization")).isNull();
    assertThat(upstream.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Authorization")).isEqualTo("Bearer new");
  }

  @Test
  void resetRefusesTheRequestUntilTheRulesAreCleared() throws Exception {
    upstream.enqueue(new MockResponse.Builder().code(200).body("alive").build());
    proxy.on(FaultProxy.ANY, "").always().reset();

    assertThatThrownBy(() -> get("/token")).isInstanceOf(IOException.class);
    proxy.clearRules();

    assertThat(get("/token").status()).isEqualTo(200);
  }
}
