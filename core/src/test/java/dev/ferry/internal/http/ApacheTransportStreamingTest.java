package dev.ferry.internal.http;

import static dev.ferry.internal.http.TransportTests.CONTEXT;
import static dev.ferry.internal.http.TransportTests.http;
import static dev.ferry.internal.http.TransportTests.ok;
import static dev.ferry.internal.http.TransportTests.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.registry.TransportException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ApacheTransportStreamingTest {
  private static final int MiB = 1024 * 1024;

  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final MockWebServer server = new MockWebServer();
  private ApacheTransport transport;

  @BeforeEach
  void start() throws Exception {
    server.start();
    // one connection per host: a response that failed to give its connection back would block the next request
    transport = new ApacheTransport(TransportTests.settings(sleeper).maxConnections(1, 1)
        .connectionRequestTimeout(Duration.ofSeconds(5)).build());
  }

  @AfterEach
  void stop() {
    transport.close();
    server.close();
  }

  /** Zeros, written by the server in 64 KiB pieces; the first {@code gateAt} bytes, then a wait for the gate. */
  private static final class ZerosBody implements MockResponseBody {
    private final long length;
    private final long gateAt;
    private final CountDownLatch gate;

    ZerosBody(long length, long gateAt, CountDownLatch gate) {
      this.length = length;
      this.gateAt = gateAt;
      this.gate = gate;
    }

    @Override
    public long getContentLength() {
      return length;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      byte[] piece = new byte[64 * 1024];
      for (long written = 0; written < length; ) {
        if (written == gateAt) {
          sink.flush();
          try {
            gate.await(20, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            throw new IOException(e);
          }
        }
        int n = (int) Math.min(piece.length, length - written);
        sink.write(piece, 0, n);
        written += n;
      }
    }
  }

  @Test
  @Timeout(60)
  void streamsA64MiBBodyFromTheSocketWithoutHoldingIt() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    server.enqueue(new MockResponse.Builder().code(200).body(new ZerosBody(64L * MiB, MiB, gate)).build());

    Response response = transport.execute(Request.of("GET", http(server, "/v2/org/app/blobs/sha256:big")), CONTEXT);

    // the server has sent 1 MiB and waits: had the transport buffered the body, execute would still be waiting
    assertThat(gate.getCount()).isEqualTo(1);
    assertThat(response.contentLength()).hasValue(64L * MiB);
    long total = 0;
    byte[] buffer = new byte[64 * 1024];
    try (response; InputStream in = response.body()) {
      total += in.readNBytes(buffer, 0, buffer.length);
      gate.countDown();
      for (int n; (n = in.read(buffer)) >= 0; ) {
        total += n;
      }
    }
    assertThat(total).isEqualTo(64L * MiB);
  }

  @Test
  @Timeout(30)
  void closingAHalfReadLargeBodyDoesNotDrainItAndThePoolStillWorks() throws Exception {
    // 16 MiB at 256 KiB a second: draining it on close would take a minute
    server.enqueue(new MockResponse.Builder().code(200).body(new ZerosBody(16L * MiB, -1, new CountDownLatch(0)))
        .throttleBody(64 * 1024, 250, TimeUnit.MILLISECONDS).build());
    server.enqueue(ok("next"));

    Response big = transport.execute(Request.of("GET", http(server, "/v2/org/app/blobs/sha256:big")), CONTEXT);
    assertThat(big.body().readNBytes(100_000)).hasSize(100_000);
    long start = System.nanoTime();
    big.close();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));

    Response next = transport.execute(Request.of("GET", http(server, "/v2/")), CONTEXT);
    assertThat(text(next)).isEqualTo("next");
    RecordedRequest first = server.takeRequest();
    RecordedRequest second = server.takeRequest();
    assertThat(second.getConnectionIndex()).isNotEqualTo(first.getConnectionIndex());
  }

  @Test
  @Timeout(30)
  void closingFromAnotherThreadDropsASmallTricklingRemainderInsteadOfReadingIt() throws Exception {
    // 40 KB at 2 KB a second: small enough that the reader's own close would read it through
    server.enqueue(new MockResponse.Builder().code(200).body("z".repeat(40_000))
        .throttleBody(1_000, 500, TimeUnit.MILLISECONDS).build());
    server.enqueue(ok("next"));
    Response slow = transport.execute(Request.of("GET", http(server, "/v2/org/app/blobs/sha256:slow")), CONTEXT);
    assertThat(slow.body().read()).isEqualTo('z');

    Thread canceller = new Thread(slow::close);
    long start = System.nanoTime();
    canceller.start();
    canceller.join(10_000);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    assertThat(text(transport.execute(Request.of("GET", http(server, "/v2/")), CONTEXT))).isEqualTo("next");
    int first = server.takeRequest().getConnectionIndex();
    assertThat(server.takeRequest().getConnectionIndex()).isNotEqualTo(first);
  }

  @Test
  @Timeout(30)
  void anInterruptedReaderClosingDropsASmallTricklingRemainder() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body("z".repeat(40_000))
        .throttleBody(1_000, 500, TimeUnit.MILLISECONDS).build());
    Response slow = transport.execute(Request.of("GET", http(server, "/v2/org/app/blobs/sha256:slow")), CONTEXT);
    assertThat(slow.body().read()).isEqualTo('z');

    Thread.currentThread().interrupt();
    long start = System.nanoTime();
    try {
      slow.close();
    } finally {
      Thread.interrupted();
    }

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void aSmallUnreadRemainderIsReadThroughSoTheConnectionIsReused() throws Exception {
    server.enqueue(new MockResponse.Builder().code(404).body("x".repeat(10_000)).build());
    server.enqueue(ok("full"));
    server.enqueue(ok("again"));

    Response notFound = transport.execute(Request.of("GET", http(server, "/v2/a")), CONTEXT);
    assertThat(notFound.body().read()).isEqualTo('x');
    notFound.body().close();
    assertThat(text(transport.execute(Request.of("GET", http(server, "/v2/b")), CONTEXT))).isEqualTo("full");
    assertThat(text(transport.execute(Request.of("GET", http(server, "/v2/c")), CONTEXT))).isEqualTo("again");

    int connection = server.takeRequest().getConnectionIndex();
    assertThat(server.takeRequest().getConnectionIndex()).isEqualTo(connection);
    assertThat(server.takeRequest().getConnectionIndex()).isEqualTo(connection);
  }

  @Test
  void anUnreadBodyOfUnknownLengthIsDroppedNotRead() throws Exception {
    server.enqueue(new MockResponse.Builder().code(404).chunkedBody("y".repeat(10_000), 1000).build());
    server.enqueue(ok("fresh"));

    Response error = transport.execute(Request.of("GET", http(server, "/v2/a")), CONTEXT);
    error.close();
    assertThat(text(transport.execute(Request.of("GET", http(server, "/v2/b")), CONTEXT))).isEqualTo("fresh");

    int first = server.takeRequest().getConnectionIndex();
    assertThat(server.takeRequest().getConnectionIndex()).isNotEqualTo(first);
  }

  @Test
  void uploadsABodyOfUnknownLengthChunked() throws Exception {
    byte[] layer = new byte[3 * MiB + 17];
    new Random(7).nextBytes(layer);
    server.enqueue(new MockResponse.Builder().code(202).build());
    Request patch = new Request("PATCH", http(server, "/v2/org/app/blobs/uploads/1"), List.of(),
        RequestBody.streaming(new ByteArrayInputStream(layer), -1, "application/octet-stream"));

    transport.execute(patch, CONTEXT).close();

    RecordedRequest received = server.takeRequest();
    assertThat(received.getHeaders().get("Transfer-Encoding")).isEqualTo("chunked");
    assertThat(received.getHeaders().get("Content-Length")).isNull();
    assertThat(received.getHeaders().get("Content-Type")).isEqualTo("application/octet-stream");
    assertThat(received.getChunkSizes()).isNotEmpty();
    assertThat(received.getBody().toByteArray()).isEqualTo(layer);
  }

  @Test
  void uploadsABodyOfKnownLengthWithContentLength() throws Exception {
    server.enqueue(new MockResponse.Builder().code(201).build());
    Request put = new Request("PUT", http(server, "/v2/org/app/blobs/uploads/1?digest=sha256:x"), List.of(),
        RequestBody.streaming(new ByteArrayInputStream(new byte[5000]), 5000, null));

    transport.execute(put, CONTEXT).close();

    RecordedRequest received = server.takeRequest();
    assertThat(received.getHeaders().get("Content-Length")).isEqualTo("5000");
    assertThat(received.getHeaders().get("Transfer-Encoding")).isNull();
    assertThat(received.getBodySize()).isEqualTo(5000);
  }

  @Test
  void aBodyShorterThanDeclaredFailsInsteadOfHangingAndIsNotRetried() {
    server.enqueue(new MockResponse.Builder().code(201).build());
    RequestBody lying = new RequestBody() {
      @Override
      public String contentType() {
        return null;
      }

      @Override
      public long contentLength() {
        return 10;
      }

      @Override
      public boolean isReplayable() {
        return true;
      }

      @Override
      public void writeTo(OutputStream out) throws IOException {
        out.write(new byte[5]);
      }
    };

    assertThatThrownBy(() -> transport.execute(new Request("PUT", http(server, "/v2/x"), List.of(), lying), CONTEXT))
        .isInstanceOf(TransportException.class)
        .hasMessageContaining("failed: the request body wrote 5 bytes but declared 10");
    assertThat(sleeper.waits).isEmpty();
  }

  @Test
  void aFailingBodySourceIsNotReportedAsTheConnection() {
    server.enqueue(new MockResponse.Builder().code(201).build());
    InputStream broken = new InputStream() {
      @Override
      public int read() throws IOException {
        throw new java.net.SocketException("Connection reset by the source registry");
      }
    };

    assertThatThrownBy(() -> transport.execute(new Request("PUT", http(server, "/v2/x"), List.of(),
        RequestBody.streaming(broken, 100, null)), CONTEXT))
        .isInstanceOf(TransportException.class)
        .hasMessageContaining("failed: reading the request body failed (SocketException)");
  }

  @Test
  void headHasAnEmptyBodyAndKeepsTheContentLength() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Length", "123456")
        .addHeader("Docker-Content-Digest", "sha256:abc").build());
    server.enqueue(ok("after"));

    Response head = transport.execute(Request.of("HEAD", http(server, "/v2/org/app/blobs/sha256:abc")), CONTEXT);

    assertThat(head.contentLength()).hasValue(123456);
    assertThat(head.header("docker-content-digest")).contains("sha256:abc");
    assertThat(head.body().read()).isEqualTo(-1);
    head.close();
    assertThat(text(transport.execute(Request.of("GET", http(server, "/v2/")), CONTEXT))).isEqualTo("after");
  }

  @Test
  void noContentHasAnEmptyBody() throws Exception {
    server.enqueue(new MockResponse.Builder().code(204).build());

    Response response = transport.execute(Request.of("DELETE", http(server, "/v2/org/app/manifests/x")), CONTEXT);

    assertThat(response.status()).isEqualTo(204);
    assertThat(response.body().readAllBytes()).isEmpty();
    response.close();
  }

  @Test
  void passesRequestHeadersButLetsHttpClientWriteFramingHeaders() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Link", "</v2/a>; rel=\"next\"")
        .addHeader("Link", "</v2/b>; rel=\"prev\"").build());
    Request get = Request.of("GET", http(server, "/v2/_catalog?n=10"))
        .header("Accept", "application/vnd.oci.image.index.v1+json")
        .header("Accept", "application/vnd.oci.image.manifest.v1+json")
        .header("Host", "evil.example")
        .header("Content-Length", "999");

    Response response = transport.execute(get, CONTEXT);

    assertThat(response.headers("link")).containsExactly("</v2/a>; rel=\"next\"", "</v2/b>; rel=\"prev\"");
    response.close();
    RecordedRequest received = server.takeRequest();
    assertThat(received.getTarget()).isEqualTo("/v2/_catalog?n=10");
    assertThat(received.getHeaders().values("Accept")).hasSize(2);
    assertThat(received.getHeaders().get("Host")).isEqualTo("localhost:" + server.getPort());
    assertThat(received.getHeaders().get("Content-Length")).isNull();
    assertThat(received.getHeaders().get("User-Agent")).isEqualTo(TransportSettings.DEFAULT_USER_AGENT);
    assertThat(received.getHeaders().get("Accept-Encoding")).isNull();
  }

  @Test
  void aClosedTransportRefusesNewRequests() {
    transport.close();

    assertThatThrownBy(() -> transport.execute(Request.of("GET", http(server, "/v2/")), CONTEXT))
        .isInstanceOf(IllegalStateException.class);
  }
}
