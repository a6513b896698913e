package dev.ferry.internal.http;

import static dev.ferry.internal.http.TransportTests.CONTEXT;
import static dev.ferry.internal.http.TransportTests.http;
import static dev.ferry.internal.http.TransportTests.ok;
import static dev.ferry.internal.http.TransportTests.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.FerryLimits;
import dev.ferry.registry.RegistryResponseException;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.List;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApacheTransportRedirectTest {
  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final MockWebServer registry = new MockWebServer();
  private final MockWebServer storage = new MockWebServer();
  private ApacheTransport transport;

  @BeforeEach
  void start() throws Exception {
    registry.start();
    storage.start();
    transport = new ApacheTransport(TransportTests.settings(sleeper).build());
  }

  @AfterEach
  void stop() {
    transport.close();
    registry.close();
    storage.close();
  }

  private static MockResponse redirect(int code, String location) {
    return new MockResponse.Builder().code(code).addHeader("Location", location).build();
  }

  /** The storage server under another host name: 127.0.0.1 is not localhost, as far as origins go. */
  private URI storageUri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + storage.getPort() + pathAndQuery);
  }

  @Test
  void followsARelativeRedirectOnTheSameRegistry() throws Exception {
    registry.enqueue(redirect(307, "../blobs/sha256:abc"));
    registry.enqueue(ok("blob"));

    Response response = transport.execute(Request.of("GET", http(registry, "/v2/org/app/manifests/x")), CONTEXT);

    assertThat(response.uri()).isEqualTo(http(registry, "/v2/org/app/blobs/sha256:abc"));
    assertThat(text(response)).isEqualTo("blob");
    registry.takeRequest();
    assertThat(registry.takeRequest().getTarget()).isEqualTo("/v2/org/app/blobs/sha256:abc");
  }

  @Test
  void followsAnAbsoluteRedirectToStorageWithoutAuthorization() throws Exception {
    registry.enqueue(redirect(307, storageUri("/bucket/blob?X-Amz-Signature=s3cr3t").toString()));
    storage.enqueue(ok("layer bytes"));
    Request get = Request.of("GET", http(registry, "/v2/org/app/blobs/sha256:abc"))
        .header("Authorization", "Bearer registry-token")
        .header("Accept", "*/*");

    Response response = transport.execute(get, CONTEXT);

    assertThat(text(response)).isEqualTo("layer bytes");
    assertThat(registry.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer registry-token");
    RecordedRequest atStorage = storage.takeRequest();
    assertThat(atStorage.getTarget()).isEqualTo("/bucket/blob?X-Amz-Signature=s3cr3t");
    assertThat(atStorage.getHeaders().get("Authorization")).isNull();
    assertThat(atStorage.getHeaders().get("Accept")).isEqualTo("*/*");
  }

  @Test
  void keepsAuthorizationOnTheSameOrigin() throws Exception {
    registry.enqueue(redirect(301, "http://LOCALHOST:" + registry.getPort() + "/v2/other"));
    registry.enqueue(ok("moved"));

    transport.execute(Request.of("GET", http(registry, "/v2/")).header("Authorization", "Basic dXNlcjpwdw=="),
        CONTEXT).close();

    registry.takeRequest();
    assertThat(registry.takeRequest().getHeaders().get("Authorization")).isEqualTo("Basic dXNlcjpwdw==");
  }

  @Test
  void neverSendsAuthorizationBackAfterLeavingTheOrigin() throws Exception {
    registry.enqueue(redirect(302, storageUri("/hop").toString()));
    storage.enqueue(redirect(302, http(registry, "/v2/back").toString()));
    registry.enqueue(ok("back"));

    transport.execute(Request.of("GET", http(registry, "/v2/")).header("Authorization", "Bearer t"), CONTEXT)
        .close();

    registry.takeRequest();
    assertThat(storage.takeRequest().getHeaders().get("Authorization")).isNull();
    // back at the registry, but at a place another host chose (a 307 keeps PUT and DELETE): no token
    assertThat(registry.takeRequest().getHeaders().get("Authorization")).isNull();
  }

  @Test
  void seeOtherTurnsAPostIntoAGetWithoutBody() throws Exception {
    registry.enqueue(redirect(303, "/v2/result"));
    registry.enqueue(ok("result"));
    Request post = new Request("POST", http(registry, "/v2/org/app/blobs/uploads/"), List.of(),
        RequestBody.of("payload".getBytes(), "text/plain"));

    transport.execute(post, CONTEXT).close();

    assertThat(registry.takeRequest().getMethod()).isEqualTo("POST");
    RecordedRequest second = registry.takeRequest();
    assertThat(second.getMethod()).isEqualTo("GET");
    assertThat(second.getBodySize()).isZero();
    assertThat(second.getHeaders().get("Content-Type")).isNull();
  }

  @Test
  void temporaryRedirectKeepsMethodAndReplayableBody() throws Exception {
    registry.enqueue(redirect(307, storageUri("/upload").toString()));
    storage.enqueue(new MockResponse.Builder().code(201).build());
    Request put = new Request("PUT", http(registry, "/v2/org/app/blobs/uploads/1?digest=sha256:abc"), List.of(),
        RequestBody.of("layer".getBytes(), "application/octet-stream"));

    Response response = transport.execute(put, CONTEXT);

    assertThat(response.status()).isEqualTo(201);
    response.close();
    RecordedRequest atStorage = storage.takeRequest();
    assertThat(atStorage.getMethod()).isEqualTo("PUT");
    assertThat(atStorage.getBody().utf8()).isEqualTo("layer");
  }

  @Test
  void refusesToResendAOneShotBodyOnATemporaryRedirect() {
    registry.enqueue(redirect(307, storageUri("/upload").toString()));
    Request put = new Request("PUT", http(registry, "/v2/org/app/blobs/uploads/1"), List.of(),
        RequestBody.streaming(new ByteArrayInputStream("layer".getBytes()), 5, null));

    assertThatThrownBy(() -> transport.execute(put, CONTEXT))
        .isInstanceOf(RegistryResponseException.class)
        .hasMessageContaining("-> 307 Temporary Redirect: redirect to http://127.0.0.1:" + storage.getPort()
            + "/upload refused: the request body can be sent only once")
        .extracting(e -> ((RegistryResponseException) e).status()).isEqualTo(307);
    assertThat(storage.getRequestCount()).isZero();
  }

  @Test
  void aRedirectLoopEndsAtTheHopLimit() {
    registry.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return redirect(302, request.getTarget().equals("/a") ? "/b" : "/a");
      }
    });

    assertThatThrownBy(() -> transport.execute(Request.of("GET", http(registry, "/a")), CONTEXT))
        .isInstanceOf(RegistryResponseException.class)
        .hasMessageContaining("-> 302 Found: more than " + FerryLimits.MAX_REDIRECT_HOPS + " redirects")
        .hasMessageEndingWith("(registry registry.test, repository org/app)");
    assertThat(registry.getRequestCount()).isEqualTo(FerryLimits.MAX_REDIRECT_HOPS + 1);
    assertThat(sleeper.waits).isEmpty();
  }

  @Test
  void aRedirectWithoutLocationIsReturnedAsItIs() throws Exception {
    registry.enqueue(new MockResponse.Builder().code(302).build());

    Response response = transport.execute(Request.of("GET", http(registry, "/v2/")), CONTEXT);

    assertThat(response.status()).isEqualTo(302);
    response.close();
  }

  @Test
  void retriesAfterAFailedHopStartFromTheRegistry() throws Exception {
    registry.enqueue(redirect(307, storageUri("/blob?sig=1").toString()));
    storage.enqueue(new MockResponse.Builder().code(503).build());
    registry.enqueue(redirect(307, storageUri("/blob?sig=2").toString()));
    storage.enqueue(ok("blob"));

    Response response = transport.execute(Request.of("GET", http(registry, "/v2/org/app/blobs/sha256:a")), CONTEXT);

    // a fresh redirect means a fresh presigned URL, should the first one have expired
    assertThat(text(response)).isEqualTo("blob");
    assertThat(storage.takeRequest().getTarget()).isEqualTo("/blob?sig=1");
    assertThat(storage.takeRequest().getTarget()).isEqualTo("/blob?sig=2");
  }

  @Test
  void aConnectionFailureOnARedirectTargetNamesThatTarget() {
    int closedPort = storage.getPort();
    storage.close();
    registry.enqueue(redirect(307, storageUri("/blob?X-Amz-Signature=s3cr3t").toString()));
    transport.close();
    transport = new ApacheTransport(TransportTests.settings(sleeper)
        .retryPolicy(dev.ferry.registry.RetryPolicy.none()).build());

    assertThatThrownBy(() -> transport.execute(Request.of("GET", http(registry, "/v2/org/app/blobs/sha256:a")),
        CONTEXT))
        .isInstanceOf(dev.ferry.registry.TransportException.class)
        .hasMessageStartingWith("GET http://127.0.0.1:" + closedPort + "/blob failed: connection refused")
        .hasMessageNotContaining("s3cr3t");
  }
}
