package dev.ferry.internal.http;

import static dev.ferry.internal.http.TransportTests.CONTEXT;
import static dev.ferry.internal.http.TransportTests.http;
import static dev.ferry.internal.http.TransportTests.ok;
import static dev.ferry.internal.http.TransportTests.status;
import static dev.ferry.internal.http.TransportTests.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.registry.RetryPolicy;
import dev.ferry.registry.TransportException;
import java.io.ByteArrayInputStream;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApacheTransportRetryTest {
  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final MockWebServer server = new MockWebServer();
  private ApacheTransport transport;

  @BeforeEach
  void start() throws Exception {
    server.start();
    transport = new ApacheTransport(TransportTests.settings(sleeper).build());
  }

  @AfterEach
  void stop() {
    transport.close();
    server.close();
  }

  @Test
  void retriesBurstOfServiceUnavailableThenReturnsSuccess() throws Exception {
    server.enqueue(status(503));
    server.enqueue(status(503));
    server.enqueue(ok("manifest"));

    Response response = transport.execute(Request.of("GET", http(server, "/v2/org/app/manifests/1.0")), CONTEXT);

    assertThat(response.status()).isEqualTo(200);
    assertThat(text(response)).isEqualTo("manifest");
    assertThat(server.getRequestCount()).isEqualTo(3);
    // equal jitter at the middle of its range: 3/4 of 200 ms, then of 400 ms
    assertThat(sleeper.waits).containsExactly(Duration.ofMillis(150), Duration.ofMillis(300));
  }

  @Test
  void waitsTheSecondsRetryAfterAsksForWithoutReallySleeping() throws Exception {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "2").build());
    server.enqueue(ok("done"));

    Response response = transport.execute(Request.of("GET", http(server, "/v2/")), CONTEXT);

    assertThat(response.status()).isEqualTo(200);
    response.close();
    assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(2));
  }

  @Test
  void waitsUntilTheHttpDateRetryAfterNames() throws Exception {
    Instant now = Instant.parse("2026-03-01T10:00:00Z");
    String in7s = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(now.plusSeconds(7),
        ZoneOffset.UTC));
    transport.close();
    transport = new ApacheTransport(TransportTests.settings(sleeper).clock(Clock.fixed(now, ZoneOffset.UTC))
        .build());
    server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", in7s).build());
    server.enqueue(ok("done"));

    transport.execute(Request.of("GET", http(server, "/v2/")), CONTEXT).close();

    assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void returnsTheResponseWhenRetryAfterExceedsTheCap() throws Exception {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "3600").build());

    Response response = transport.execute(Request.of("GET", http(server, "/v2/")), CONTEXT);

    assertThat(response.status()).isEqualTo(429);
    assertThat(response.header("Retry-After")).contains("3600");
    response.close();
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(sleeper.waits).isEmpty();
  }

  @Test
  void returnsTheLastResponseWhenAttemptsRunOut() throws Exception {
    transport.close();
    transport = new ApacheTransport(TransportTests.settings(sleeper)
        .retryPolicy(RetryPolicy.builder().maxAttempts(3).build()).build());
    for (int i = 0; i < 4; i++) {
      server.enqueue(new MockResponse.Builder().code(503).body("attempt " + (i + 1)).build());
    }

    Response response = transport.execute(Request.of("GET", http(server, "/v2/")), CONTEXT);

    assertThat(response.status()).isEqualTo(503);
    assertThat(text(response)).isEqualTo("attempt 3");
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(sleeper.waits).hasSize(2);
  }

  @Test
  void retriesAConnectionDroppedBeforeTheResponse() throws Exception {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
    server.enqueue(ok("second time lucky"));

    Response response = transport.execute(Request.of("GET", http(server, "/v2/")), CONTEXT);

    assertThat(text(response)).isEqualTo("second time lucky");
    assertThat(sleeper.waits).hasSize(1);
  }

  @Test
  void neverRetriesAStreamedBodyOnAStatus() throws Exception {
    server.enqueue(status(503));
    server.enqueue(status(202));
    Request patch = new Request("PATCH", http(server, "/v2/org/app/blobs/uploads/1"), List.of(),
        RequestBody.streaming(new ByteArrayInputStream(new byte[1024]), 1024, "application/octet-stream"));

    Response response = transport.execute(patch, CONTEXT);

    assertThat(response.status()).isEqualTo(503);
    response.close();
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(sleeper.waits).isEmpty();
  }

  @Test
  void neverRetriesAStreamedBodyOnAConnectionError() throws Exception {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
    server.enqueue(status(202));
    Request patch = new Request("PATCH", http(server, "/v2/org/app/blobs/uploads/1"), List.of(),
        RequestBody.streaming(new ByteArrayInputStream(new byte[1024]), 1024, "application/octet-stream"));

    assertThatThrownBy(() -> transport.execute(patch, CONTEXT))
        .isInstanceOf(TransportException.class)
        .hasMessageStartingWith("PATCH http://localhost:" + server.getPort() + "/v2/org/app/blobs/uploads/1 failed: ")
        .hasMessageEndingWith("(registry registry.test, repository org/app)");
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(sleeper.waits).isEmpty();
  }

  @Test
  void retriesAPostWithoutBody() throws Exception {
    server.enqueue(status(502));
    server.enqueue(new MockResponse.Builder().code(202).addHeader("Location", "/v2/org/app/blobs/uploads/1")
        .build());

    Response response = transport.execute(Request.of("POST", http(server, "/v2/org/app/blobs/uploads/")), CONTEXT);

    assertThat(response.status()).isEqualTo(202);
    response.close();
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void retriesAReplayableBodyAndSendsItAgain() throws Exception {
    server.enqueue(status(500));
    server.enqueue(status(201));
    Request put = new Request("PUT", http(server, "/v2/org/app/manifests/1.0"), List.of(),
        RequestBody.of("{}".getBytes(), "application/vnd.oci.image.manifest.v1+json"));

    transport.execute(put, CONTEXT).close();

    assertThat(server.takeRequest().getBody().utf8()).isEqualTo("{}");
    assertThat(server.takeRequest().getBody().utf8()).isEqualTo("{}");
  }

  @Test
  void doesNotRetryClientErrors() throws Exception {
    server.enqueue(status(404));

    Response response = transport.execute(Request.of("GET", http(server, "/v2/")), CONTEXT);

    assertThat(response.status()).isEqualTo(404);
    response.close();
    assertThat(sleeper.waits).isEmpty();
  }

  @Test
  void refusedConnectionsAreRetriedThenReportedTyped() throws Exception {
    int port = server.getPort();
    server.close();

    assertThatThrownBy(() -> transport.execute(Request.of("GET", http(server, "/v2/?token=secret")), CONTEXT))
        .isInstanceOf(TransportException.class)
        .hasMessageContaining("GET http://localhost:" + port + "/v2/ failed: connection refused")
        .hasMessageNotContaining("secret")
        .hasCauseInstanceOf(ConnectException.class)
        .satisfies(e -> {
          TransportException t = (TransportException) e;
          assertThat(t.registry()).isEqualTo("registry.test");
          assertThat(t.repository()).contains("org/app");
          assertThat(t.method()).contains("GET");
          assertThat(t.url()).contains("http://localhost:" + port + "/v2/");
        });
    assertThat(sleeper.waits).hasSize(4);
  }

  @Test
  void anInterruptedWaitStopsWithATypedErrorAndKeepsTheInterrupt() throws Exception {
    transport.close();
    transport = new ApacheTransport(TransportTests.settings(sleeper).sleeper(d -> {
      throw new InterruptedException();
    }).build());
    server.enqueue(status(503));
    try {
      assertThatThrownBy(() -> transport.execute(Request.of("GET", http(server, "/v2/")), CONTEXT))
          .isInstanceOf(TransportException.class)
          .hasMessageContaining("interrupted while waiting 150 ms to retry after 503 Service Unavailable");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void reportsEachRetryAndExchangeToTheEventsOfTheCall() throws Exception {
    List<String> events = new CopyOnWriteArrayList<>();
    TransportEvents recorder = new TransportEvents() {
      @Override
      public void requestStarted(Request request) {
        events.add("start " + request);
      }

      @Override
      public void requestFinished(Request request, int status, Duration duration) {
        events.add("end " + status);
      }

      @Override
      public void onRetry(Request request, int attempt, Duration delay, String reason) {
        events.add(request + " #" + attempt + " " + delay.toMillis() + "ms " + reason);
      }
    };
    server.enqueue(status(503));
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "1").build());
    server.enqueue(ok(""));

    transport.execute(Request.of("GET", http(server, "/v2/?n=1")),
        new CallContext(CONTEXT.registry(), CONTEXT.repository(), recorder)).close();

    String url = "http://localhost:" + server.getPort() + "/v2/";
    assertThat(events).containsExactly(
        "start GET " + url, "end 503", "GET " + url + " #1 150ms 503 Service Unavailable",
        "start GET " + url, "end 429", "GET " + url + " #2 1000ms 429 Too Many Requests",
        "start GET " + url, "end 200");
  }

  @Test
  void jitteredWaitsStayWithinTheirBoundsWithASeededRandom() throws Exception {
    transport.close();
    transport = new ApacheTransport(TransportTests.settings(sleeper).random(new java.util.Random(42)::nextDouble)
        .retryPolicy(RetryPolicy.builder().maxAttempts(6).jitter(RetryPolicy.Jitter.FULL).build()).build());
    for (int i = 0; i < 6; i++) {
      server.enqueue(status(503));
    }

    transport.execute(Request.of("GET", http(server, "/v2/")), CONTEXT).close();

    assertThat(sleeper.waits).hasSize(5);
    for (int i = 0; i < 5; i++) {
      assertThat(sleeper.waits.get(i)).isBetween(Duration.ZERO, Duration.ofMillis(200L << i));
    }
    assertThat(sleeper.waits).doesNotHaveDuplicates();
  }
}
