package dev.ferry.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.reference.Digest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Injected faults and the request log on the wire: status, error JSON, headers, truncation, no state change. */
class FaultInjectionProtocolTest {
  private EmbeddedRegistry registry;
  private RawHttp http;

  @BeforeEach
  void start() {
    registry = EmbeddedRegistry.start();
    http = new RawHttp(registry);
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void a429CarriesRetryAfterInSecondsAndTheSpecErrorCode() throws IOException {
    registry.failNext(1, r -> r.path().equals("/v2/"), 429, Duration.ofMillis(1_500));

    RawHttp.Reply failed = http.send("GET", "/v2/");
    RawHttp.Reply next = http.send("GET", "/v2/");

    assertThat(failed.status()).isEqualTo(429);
    assertThat(failed.header("Retry-After")).contains("2");
    assertThat(failed.text()).contains("\"code\":\"TOOMANYREQUESTS\"");
    assertThat(next.status()).isEqualTo(200);
    assertThat(next.header("Retry-After")).isEmpty();
  }

  @Test
  void otherStatusesGetUnavailableOrUnknownAndOnlyMatchingRequestsFail() throws IOException {
    registry.failNext(1, r -> r.method().equals("GET"), 503);
    registry.failNext(1, r -> r.method().equals("GET"), 500);

    assertThat(http.send("HEAD", "/v2/").status()).isEqualTo(200);
    RawHttp.Reply unavailable = http.send("GET", "/v2/");
    RawHttp.Reply unknown = http.send("GET", "/v2/");

    assertThat(unavailable.status()).isEqualTo(503);
    assertThat(unavailable.text()).contains("\"code\":\"UNAVAILABLE\"");
    assertThat(unknown.status()).isEqualTo(500);
    assertThat(unknown.text()).contains("\"code\":\"UNKNOWN\"");
    assertThat(http.send("GET", "/v2/").status()).isEqualTo(200);
  }

  @Test
  void aFailedUploadPatchStoresNothing() throws IOException {
    String location = http.send("POST", "/v2/r/patch/blobs/uploads/").header("Location").orElseThrow();
    byte[] chunk = EmbeddedRegistryClientTest.bytes(1_000, 7);
    registry.failNext(1, r -> r.method().equals("PATCH"), 500);

    RawHttp.Reply failed = http.send("PATCH", location, chunk, "Content-Range", "0-999");
    RawHttp.Reply status = http.send("GET", location);
    RawHttp.Reply retried = http.send("PATCH", location, chunk, "Content-Range", "0-999");
    RawHttp.Reply done = http.send("PUT", location + "?digest=" + Digest.sha256(chunk));

    assertThat(failed.status()).isEqualTo(500);
    assertThat(status.status()).isEqualTo(204);
    assertThat(status.header("Range")).isEmpty();  // nothing stored
    assertThat(retried.header("Range")).contains("0-999");
    assertThat(done.status()).isEqualTo(201);
    assertThat(registry.requests()).extracting(RecordedCall::method, RecordedCall::status)
        .map(t -> t.toList().toString())
        .containsExactly("[POST, 202]", "[PATCH, 500]", "[GET, 204]", "[PATCH, 202]", "[PUT, 201]");
    assertThat(registry.requests().get(1).contentRange()).contains("0-999");
  }

  @Test
  void aDroppedBlobDownloadPromisesTheWholeLengthAndSendsKBytes() throws IOException {
    byte[] content = EmbeddedRegistryClientTest.bytes(200_000, 8);
    Digest digest = Digest.sha256(content);
    http.send("POST", "/v2/r/drop/blobs/uploads/?digest=" + digest, content);
    registry.dropBlobConnectionAfter(12_345, 1);

    assertThat(http.send("HEAD", "/v2/r/drop/blobs/" + digest).header("Content-Length")).contains("200000");
    RawHttp.Reply dropped = http.send("GET", "/v2/r/drop/blobs/" + digest);
    RawHttp.Reply whole = http.send("GET", "/v2/r/drop/blobs/" + digest);

    assertThat(dropped.header("Content-Length")).contains("200000");
    assertThat(dropped.body()).hasSize(12_345).isEqualTo(java.util.Arrays.copyOf(content, 12_345));
    assertThat(whole.body()).isEqualTo(content);
  }

  @Test
  void aDownloadNoLongerThanTheCutIsSentWholeAndDoesNotCount() throws IOException {
    byte[] small = EmbeddedRegistryClientTest.bytes(100, 9);
    byte[] large = EmbeddedRegistryClientTest.bytes(5_000, 10);
    for (byte[] content : List.of(small, large)) {
      http.send("POST", "/v2/r/small/blobs/uploads/?digest=" + Digest.sha256(content), content);
    }
    registry.dropBlobConnectionAfter(100, 1);

    assertThat(http.send("GET", "/v2/r/small/blobs/" + Digest.sha256(small)).body()).isEqualTo(small);
    assertThat(http.send("GET", "/v2/r/small/blobs/" + Digest.sha256(large)).body()).hasSize(100);
  }

  @Test
  void theLogKeepsPathsWithQueriesAndOnlyWhetherAuthorizationWasSent() throws IOException {
    http.send("GET", "/v2/", "Authorization", "Bearer s3cr3t-token", "Range", "bytes=0-");
    http.send("GET", "/v2/_catalog?n=2");

    List<RecordedCall> calls = registry.requests();
    assertThat(calls).extracting(RecordedCall::path).containsExactly("/v2/", "/v2/_catalog?n=2");
    assertThat(calls).extracting(RecordedCall::hasAuthorization).containsExactly(true, false);
    assertThat(calls.get(0).range()).contains("bytes=0-");
    assertThat(calls.toString()).doesNotContain("s3cr3t");

    registry.clearRequests();
    assertThat(registry.requests()).isEmpty();
  }

  @Test
  void theLogKeepsTheLast10000Calls() throws IOException {
    for (int i = 0; i < 10_005; i++) {
      http.send("HEAD", "/v2/?i=" + i);
    }
    List<RecordedCall> calls = registry.requests();
    assertThat(calls).hasSize(10_000);
    assertThat(calls.get(0).path()).isEqualTo("/v2/?i=5");
  }

  @Test
  void concurrentRequestsUseUpExactlyTheFailuresAskedFor() throws Exception {
    registry.failNext(5, r -> r.path().equals("/v2/"), 503);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> statuses = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        statuses.add(pool.submit(() -> http.send("GET", "/v2/").status()));
      }
      int failed = 0;
      for (Future<Integer> status : statuses) {
        failed += status.get() == 503 ? 1 : 0;
      }
      assertThat(failed).isEqualTo(5);
      assertThat(registry.requests()).hasSize(40).filteredOn(c -> c.status() == 503).hasSize(5);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void refusesNonsense() {
    assertThatThrownBy(() -> registry.failNext(1, r -> true, 200)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> registry.failNext(-1, r -> true, 500)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> registry.failNext(1, r -> true, 429, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> registry.dropBlobConnectionAfter(-1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> registry.delayResponses(Duration.ofMillis(-1), r -> true))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
