package dev.ferry.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.manifest.Descriptor;
import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A blob download that breaks off resumes as the one retry strategy decides: its waits, its attempts. */
class BlobDownloadRetryTest {
  private static final RetryPolicy POLICY = RetryPolicy.builder().maxAttempts(3)
      .initialBackoff(Duration.ofMillis(100)).maxBackoff(Duration.ofSeconds(1)).jitter(RetryPolicy.Jitter.NONE)
      .build();

  private final MockWebServer server = new MockWebServer();
  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private final byte[] content = new byte[300_000];
  private RegistryClient client;
  private ImageReference repository;
  private Descriptor blob;

  @BeforeEach
  void start() throws IOException {
    new Random(3).nextBytes(content);
    blob = Descriptor.of("application/octet-stream", Digest.sha256(content), content.length);
    server.start(InetAddress.getLoopbackAddress(), 0);
    String host = "127.0.0.1:" + server.getPort();
    client = RegistryClient.builder().plainHttp(host).retryPolicy(POLICY).sleeper(waits::add).build();
    repository = ImageReference.parse(host + "/fault/app");
  }

  @AfterEach
  void stop() throws IOException {
    client.close();
    server.close();
  }

  /** Promises every byte from {@code from}, sends up to {@code to}, then the connection dies. */
  private void enqueueCut(int from, int to) {
    MockResponse.Builder b = new MockResponse.Builder().code(from == 0 ? 200 : 206)
        .body(new Buffer().write(Arrays.copyOfRange(content, from, to)))
        .setHeader("Content-Length", content.length - from)
        .onResponseEnd(new SocketEffect.CloseSocket(true, true, true));
    if (from > 0) {
      b.setHeader("Content-Range", "bytes " + from + "-" + (content.length - 1) + "/" + content.length);
    }
    server.enqueue(b.build());
  }

  private byte[] read() throws IOException {
    try (InputStream in = client.openBlob(repository, blob)) {
      return in.readAllBytes();
    }
  }

  @Test
  void eachResumeWaitsTheBackoffOfItsAttempt() throws Exception {
    enqueueCut(0, 100_000);
    enqueueCut(100_000, 200_000);
    server.enqueue(new MockResponse.Builder().code(206)
        .setHeader("Content-Range", "bytes 200000-299999/300000")
        .body(new Buffer().write(Arrays.copyOfRange(content, 200_000, 300_000))).build());

    assertThat(read()).isEqualTo(content);

    assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    server.takeRequest();
    assertThat(server.takeRequest().getHeaders().get("Range")).isEqualTo("bytes=100000-");
    assertThat(server.takeRequest().getHeaders().get("Range")).isEqualTo("bytes=200000-");
  }

  @Test
  void aDownloadThatKeepsBreakingEndsAfterThePolicysAttempts() {
    enqueueCut(0, 100_000);
    enqueueCut(100_000, 150_000);
    enqueueCut(150_000, 200_000);

    assertThatThrownBy(this::read).isInstanceOfSatisfying(TransportException.class,
        e -> assertThat(e.getMessage()).contains("at byte 200000 of 300000").contains("after 3 attempt(s)"));
    assertThat(waits).hasSize(2);
    assertThat(server.getRequestCount()).isEqualTo(3);
  }
}
