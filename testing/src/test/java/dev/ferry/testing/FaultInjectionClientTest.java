package dev.ferry.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.manifest.Descriptor;
import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.BlobPushOptions;
import dev.ferry.registry.BlobSource;
import dev.ferry.registry.RegistryClient;
import dev.ferry.registry.RegistryResponseException;
import dev.ferry.registry.RetryPolicy;
import dev.ferry.registry.UploadMode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Ferry's RegistryClient retrying and resuming against injected faults, asserted on the request log. */
class FaultInjectionClientTest {
  private static final RetryPolicy QUICK = RetryPolicy.builder().maxAttempts(4)
      .initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(5)).build();
  private static final Predicate<RequestLine> BLOB_GET =
      r -> r.method().equals("GET") && r.path().contains("/blobs/sha256:");

  private EmbeddedRegistry registry;
  private RegistryClient client;
  private ImageReference repository;

  @BeforeEach
  void start() {
    registry = EmbeddedRegistry.start();
    client = RegistryClient.builder().plainHttp(registry.address()).retryPolicy(QUICK).build();
    repository = registry.reference("faults/app");
  }

  @AfterEach
  void stop() {
    client.close();
    registry.close();
  }

  private Descriptor push(byte[] content) {
    Descriptor blob = Descriptor.of("application/octet-stream", Digest.sha256(content), content.length);
    client.pushBlob(repository, blob, BlobSource.of(content));
    return blob;
  }

  private byte[] read(Descriptor blob) throws IOException {
    try (InputStream in = client.openBlob(repository, blob)) {
      return in.readAllBytes();
    }
  }

  private List<RecordedCall> callsTo(Descriptor blob) {
    return registry.requests().stream().filter(c -> c.path().endsWith("/blobs/" + blob.digest())).toList();
  }

  @Test
  void aBurstOf503IsRetriedAndTheLogShowsTheFailuresThenTheSuccess() throws IOException {
    byte[] content = EmbeddedRegistryClientTest.bytes(50_000, 1);
    Descriptor blob = push(content);
    registry.failNext(2, BLOB_GET, 503);

    assertThat(read(blob)).isEqualTo(content);

    assertThat(callsTo(blob)).filteredOn(c -> c.method().equals("GET"))
        .extracting(RecordedCall::status).containsExactly(503, 503, 200);
  }

  @Test
  void aFailedUploadStartIsRetriedAndTheBlobArrivesWhole() throws IOException {
    byte[] content = EmbeddedRegistryClientTest.bytes(250_000, 2);
    registry.failNext(1, r -> r.method().equals("POST") && r.path().contains("/blobs/uploads/"), 503);

    Descriptor blob = Descriptor.of("application/octet-stream", Digest.sha256(content), content.length);
    client.pushBlob(repository, blob, BlobSource.of(content),
        BlobPushOptions.defaults().mode(UploadMode.CHUNKED).chunkSize(100_000));

    assertThat(registry.requests()).filteredOn(c -> c.method().equals("POST"))
        .extracting(RecordedCall::status).containsExactly(503, 202);
    assertThat(registry.requests()).filteredOn(c -> c.method().equals("PATCH"))
        .extracting(c -> c.contentRange().orElseThrow())
        .containsExactly("0-99999", "100000-199999", "200000-249999");
    assertThat(read(blob)).isEqualTo(content);
  }

  @Test
  void aChunkRefusedWith503ResumesFromTheRegistrysOffset() throws IOException {
    byte[] content = EmbeddedRegistryClientTest.bytes(250_000, 4);
    registry.failNext(1, r -> r.method().equals("PATCH"), 503);

    Descriptor blob = Descriptor.of("application/octet-stream", Digest.sha256(content), content.length);
    client.pushBlob(repository, blob, BlobSource.of(content),
        BlobPushOptions.defaults().mode(UploadMode.CHUNKED).chunkSize(100_000));

    assertThat(registry.requests()).filteredOn(c -> c.method().equals("PATCH"))
        .extracting(RecordedCall::status).containsExactly(503, 202, 202, 202);
    assertThat(registry.requests()).filteredOn(c -> c.method().equals("GET") && c.path().contains("/uploads/"))
        .hasSize(1);
    assertThat(read(blob)).isEqualTo(content);
  }

  @Test
  void a429WithRetryAfterIsHonoured() {
    byte[] content = EmbeddedRegistryClientTest.bytes(10_000, 3);
    Descriptor blob = push(content);
    registry.failNext(1, r -> r.method().equals("HEAD"), 429, Duration.ofSeconds(1));

    assertThat(client.headBlob(repository, blob.digest())).contains((long) content.length);

    List<RecordedCall> heads = callsTo(blob).stream().filter(c -> c.method().equals("HEAD")).toList();
    assertThat(heads).extracting(RecordedCall::status).containsExactly(429, 200);
    // the policy's own backoff is at most 5 ms: only Retry-After explains a second's wait
    assertThat(Duration.between(heads.get(0).time(), heads.get(1).time())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void aBlobDownloadDroppedAfterKBytesResumesWithRange() throws IOException {
    byte[] content = EmbeddedRegistryClientTest.bytes(300_000, 4);
    Descriptor blob = push(content);
    registry.dropBlobConnectionAfter(100_000, 1);

    assertThat(read(blob)).isEqualTo(content);  // openBlob verifies the digest too

    List<RecordedCall> gets = callsTo(blob).stream().filter(c -> c.method().equals("GET")).toList();
    assertThat(gets).extracting(RecordedCall::status).containsExactly(200, 206);
    assertThat(gets).extracting(RecordedCall::range).containsExactly(Optional.empty(), Optional.of("bytes=100000-"));
  }

  @Test
  void everyDroppedDownloadResumesWhereTheLastOneStopped() throws IOException {
    byte[] content = EmbeddedRegistryClientTest.bytes(300_000, 5);
    Descriptor blob = push(content);
    registry.dropBlobConnectionAfter(70_000, 3);

    assertThat(read(blob)).isEqualTo(content);

    assertThat(callsTo(blob)).filteredOn(c -> c.method().equals("GET")).extracting(RecordedCall::range)
        .containsExactly(Optional.empty(), Optional.of("bytes=70000-"), Optional.of("bytes=140000-"),
            Optional.of("bytes=210000-"));
  }

  @Test
  void matchingResponsesAreDelayed() {
    registry.delayResponses(Duration.ofMillis(300), r -> r.path().equals("/v2/"));

    long started = System.nanoTime();
    client.ping(registry.address());
    long delayed = System.nanoTime() - started;
    started = System.nanoTime();
    assertThat(client.headBlob(repository, Digest.sha256(new byte[] {1}))).isEmpty();
    long other = System.nanoTime() - started;

    assertThat(Duration.ofNanos(delayed)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    assertThat(Duration.ofNanos(other)).isLessThan(Duration.ofMillis(300));
  }

  @Test
  void aThrottledDownloadTricklesAndArrivesWhole() throws IOException {
    byte[] content = EmbeddedRegistryClientTest.bytes(30_000, 7);
    Descriptor blob = push(content);
    registry.throttleBlobDownloads(50_000, BLOB_GET);
    registry.throttleBlobDownloads(1_000_000, r -> true);

    long started = System.nanoTime();
    assertThat(read(blob)).isEqualTo(content);

    // the slowest matching rate: 30 000 bytes at 50 000 a second cannot take less than 0.6 s (pieces every 50 ms)
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(550));
    assertThatThrownBy(() -> registry.throttleBlobDownloads(0, BLOB_GET)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void clearFaultsRestoresNormalService() throws IOException {
    byte[] content = EmbeddedRegistryClientTest.bytes(200_000, 6);
    Descriptor blob = push(content);
    registry.failNext(10, r -> true, 500);
    registry.dropBlobConnectionAfter(1_000, 10);
    registry.delayResponses(Duration.ofSeconds(30), r -> true);
    registry.throttleBlobDownloads(1, r -> true);

    registry.clearFaults();

    try (RegistryClient once = RegistryClient.builder().plainHttp(registry.address())
        .retryPolicy(RetryPolicy.none()).build()) {
      long started = System.nanoTime();
      try (InputStream in = once.openBlob(repository, blob)) {
        assertThat(in.readAllBytes()).isEqualTo(content);
      }
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }
    assertThat(callsTo(blob)).filteredOn(c -> c.method().equals("GET")).singleElement()
        .satisfies(c -> assertThat(c.status()).isEqualTo(200));
  }

  @Test
  void failuresBeyondTheRetryBudgetReachTheCaller() {
    registry.failNext(4, r -> r.path().contains("/manifests/"), 503);

    assertThatThrownBy(() -> client.fetchManifest(registry.reference("faults/app:1.0")))
        .isInstanceOfSatisfying(RegistryResponseException.class, e -> assertThat(e.status()).isEqualTo(503));
    assertThat(registry.requests()).extracting(RecordedCall::status).containsExactly(503, 503, 503, 503);
  }
}
