package dev.ferry.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.manifest.Descriptor;
import dev.ferry.manifest.Manifest;
import dev.ferry.manifest.MediaTypes;
import dev.ferry.reference.Digest;
import dev.ferry.reference.DigestMismatchException;
import dev.ferry.reference.ImageReference;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a real registry will not do on demand: dropped connections, wrong bytes, odd answers. */
class RegistryClientFaultTest {
  private final MockWebServer server = new MockWebServer();
  private RegistryClient client;
  private String host;

  @BeforeEach
  void start() throws IOException {
    server.start(InetAddress.getLoopbackAddress(), 0);
    host = "127.0.0.1:" + server.getPort();
    client = RegistryClient.builder().plainHttp(host)
        .retryPolicy(RetryPolicy.builder().maxAttempts(2).initialBackoff(Duration.ofMillis(1))
            .maxBackoff(Duration.ofMillis(2)).build())
        .build();
  }

  @AfterEach
  void stop() throws IOException {
    client.close();
    server.close();
  }

  private ImageReference repo() {
    return ImageReference.parse(host + "/fault/app");
  }

  private static byte[] random(int size) {
    byte[] b = new byte[size];
    new Random(size).nextBytes(b);
    return b;
  }

  @Test
  void resumesADroppedBlobDownloadWithRange() throws Exception {
    byte[] content = random(300_000);
    Descriptor blob = Descriptor.of("application/octet-stream", Digest.sha256(content), content.length);
    // the first answer promises every byte, sends a third, and the connection dies
    server.enqueue(new MockResponse.Builder().code(200).body(new Buffer().write(Arrays.copyOf(content, 100_000)))
        .setHeader("Content-Length", content.length)
        .onResponseEnd(new SocketEffect.CloseSocket(true, true, true)).build());
    server.enqueue(new MockResponse.Builder().code(206)
        .setHeader("Content-Range", "bytes 100000-299999/300000")
        .body(new Buffer().write(Arrays.copyOfRange(content, 100_000, 300_000))).build());

    byte[] read;
    try (InputStream in = client.openBlob(repo(), blob)) {
      read = in.readAllBytes();
    }

    assertThat(read).isEqualTo(content);
    server.takeRequest();
    RecordedRequest resumed = server.takeRequest();
    assertThat(resumed.getHeaders().get("Range")).isEqualTo("bytes=100000-");
  }

  @Test
  void blobWithWrongBytesFailsWithDigestMismatch() {
    byte[] content = random(5_000);
    byte[] served = content.clone();
    served[10] ^= 1;
    Descriptor blob = Descriptor.of("application/octet-stream", Digest.sha256(content), content.length);
    server.enqueue(new MockResponse.Builder().code(200).body(new Buffer().write(served)).build());

    assertThatThrownBy(() -> {
      try (InputStream in = client.openBlob(repo(), blob)) {
        in.readAllBytes();
      }
    }).isInstanceOfSatisfying(DigestMismatchException.class,
        e -> assertThat(e.actual()).contains(Digest.sha256(served)));
  }

  @Test
  void manifestFetchedByDigestMustHashToIt() {
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_IMAGE_INDEX + "\",\"manifests\":[]}";
    Digest asked = Digest.sha256("something else".getBytes(StandardCharsets.UTF_8));
    server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", MediaTypes.OCI_IMAGE_INDEX)
        .body(manifest).build());

    assertThatThrownBy(() -> client.fetchManifest(repo().withDigest(asked)))
        .isInstanceOf(DigestMismatchException.class);
  }

  @Test
  void manifestWhoseBytesContradictDockerContentDigestIsRefused() {
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_IMAGE_INDEX + "\",\"manifests\":[]}";
    server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", MediaTypes.OCI_IMAGE_INDEX)
        .setHeader("Docker-Content-Digest", Digest.sha256(new byte[] {1}).toString()).body(manifest).build());

    assertThatThrownBy(() -> client.fetchManifest(repo().withTag("1.0")))
        .isInstanceOf(DigestMismatchException.class);
  }

  @Test
  void aMountAnsweredWith202ContinuesWithTheReturnedSession() throws Exception {
    byte[] content = random(10_000);
    Descriptor blob = Descriptor.of("application/octet-stream", Digest.sha256(content), content.length);
    server.enqueue(new MockResponse.Builder().code(202).setHeader("Location", "/v2/fault/app/blobs/uploads/s1?_state=x")
        .build());
    server.enqueue(new MockResponse.Builder().code(202).setHeader("Location", "/v2/fault/app/blobs/uploads/s1?_state=y")
        .setHeader("Range", "0-9999").build());
    server.enqueue(new MockResponse.Builder().code(201).setHeader("Docker-Content-Digest", blob.digest().toString())
        .build());

    BlobPushResult result = client.pushBlob(repo(), blob, BlobSource.of(content),
        BlobPushOptions.defaults().mountFrom(ImageReference.parse(host + "/fault/base")));

    assertThat(result.mounted()).isFalse();
    assertThat(result.bytesSent()).isEqualTo(content.length);
    RecordedRequest post = server.takeRequest();
    assertThat(post.getTarget()).isEqualTo("/v2/fault/app/blobs/uploads/?mount=" + blob.digest() + "&from=fault/base");
    RecordedRequest patch = server.takeRequest();
    assertThat(patch.getMethod()).isEqualTo("PATCH");
    assertThat(patch.getTarget()).isEqualTo("/v2/fault/app/blobs/uploads/s1?_state=x");
    assertThat(patch.getBody().toByteArray()).isEqualTo(content);
    RecordedRequest put = server.takeRequest();
    assertThat(put.getMethod()).isEqualTo("PUT");
    assertThat(put.getTarget()).isEqualTo("/v2/fault/app/blobs/uploads/s1?_state=y&digest=" + blob.digest());
  }

  @Test
  void aMountRefusedWithAnErrorFallsBackToAPlainUpload() throws Exception {
    byte[] content = random(2_000);
    Descriptor blob = Descriptor.of("application/octet-stream", Digest.sha256(content), content.length);
    server.enqueue(new MockResponse.Builder().code(404).setHeader("Content-Type", "application/json")
        .body("{\"errors\":[{\"code\":\"NAME_UNKNOWN\",\"message\":\"repository name not known\"}]}").build());
    server.enqueue(new MockResponse.Builder().code(202).setHeader("Location", "/v2/fault/app/blobs/uploads/s3").build());
    server.enqueue(new MockResponse.Builder().code(202).setHeader("Location", "/v2/fault/app/blobs/uploads/s3").build());
    server.enqueue(new MockResponse.Builder().code(201).build());

    BlobPushResult result = client.pushBlob(repo(), blob, BlobSource.of(content),
        BlobPushOptions.defaults().mountFrom(ImageReference.parse(host + "/fault/gone")));

    assertThat(result.mounted()).isFalse();
    assertThat(server.takeRequest().getTarget()).startsWith("/v2/fault/app/blobs/uploads/?mount=");
    assertThat(server.takeRequest().getTarget()).isEqualTo("/v2/fault/app/blobs/uploads/");
    assertThat(server.takeRequest().getMethod()).isEqualTo("PATCH");
    assertThat(server.takeRequest().getTarget()).isEqualTo("/v2/fault/app/blobs/uploads/s3?digest=" + blob.digest());
  }

  @Test
  void aMalformedErrorBodyStillGivesATypedError() {
    server.enqueue(new MockResponse.Builder().code(500).setHeader("Content-Type", "application/json")
        .body("{\"errors\":[{\"code\":").build());
    server.enqueue(new MockResponse.Builder().code(500).setHeader("Content-Type", "application/json")
        .body("{\"errors\":[{\"code\":").build());

    assertThatThrownBy(() -> client.fetchManifest(repo().withTag("1.0")))
        .isInstanceOfSatisfying(RegistryResponseException.class, e -> {
          assertThat(e.status()).isEqualTo(500);
          assertThat(e.errors()).isEmpty();
          assertThat(e.registry()).isEqualTo(host);
        });
  }

  @Test
  void registryErrorCodesReachTheException() {
    server.enqueue(new MockResponse.Builder().code(404).setHeader("Content-Type", "application/json")
        .body("{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\",\"detail\":{\"Tag\":\"9\"}}]}")
        .build());

    assertThatThrownBy(() -> client.fetchManifest(repo().withTag("9")))
        .isInstanceOfSatisfying(RegistryResponseException.class, e -> {
          assertThat(e.hasCode("MANIFEST_UNKNOWN")).isTrue();
          assertThat(e.errors().get(0).detail()).contains("\"Tag\"");
        })
        .hasMessageContaining("MANIFEST_UNKNOWN");
  }

  @Test
  void aChunkedUploadThatDropsResumesFromTheRegistrysOffset() throws Exception {
    byte[] content = random(30_000);
    Descriptor blob = Descriptor.of("application/octet-stream", Digest.sha256(content), content.length);
    String session = "/v2/fault/app/blobs/uploads/s2";
    java.util.concurrent.atomic.AtomicLong stored = new java.util.concurrent.atomic.AtomicLong();
    java.util.concurrent.atomic.AtomicBoolean dropped = new java.util.concurrent.atomic.AtomicBoolean();
    java.util.List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
    server.setDispatcher(new mockwebserver3.Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String range = request.getHeaders().get("Content-Range");
        log.add(request.getMethod() + " " + (range == null ? "" : range) + " " + request.getBodySize());
        switch (request.getMethod()) {
          case "POST":
            return new MockResponse.Builder().code(202).setHeader("Location", session)
                .setHeader("OCI-Chunk-Min-Length", "10000").build();
          case "PATCH":
            long start = Long.parseLong(range.substring(0, range.indexOf('-')));
            if (start != stored.get()) {
              return new MockResponse.Builder().code(416).build();
            }
            stored.addAndGet(request.getBodySize());
            return new MockResponse.Builder().code(202).setHeader("Location", session)
                .setHeader("Range", "0-" + (stored.get() - 1)).build();
          case "GET":
            return new MockResponse.Builder().code(204).setHeader("Location", session)
                .setHeader("Range", "0-" + (stored.get() - 1)).build();
          default:
            return new MockResponse.Builder().code(201).setHeader("Docker-Content-Digest", blob.digest().toString())
                .build();
        }
      }

      @Override
      public MockResponse peek() {
        // the second chunk's connection dies while its body is being sent
        if (stored.get() == 10_000 && dropped.compareAndSet(false, true)) {
          return new MockResponse.Builder().onRequestBody(new SocketEffect.CloseSocket(true, true, true)).build();
        }
        return super.peek();
      }
    });

    BlobPushResult result = client.pushBlob(repo(), blob, BlobSource.of(content),
        BlobPushOptions.defaults().mode(UploadMode.CHUNKED).chunkSize(1000));

    assertThat(result.mounted()).isFalse();
    assertThat(dropped).isTrue();
    assertThat(stored.get()).isEqualTo(content.length);
    assertThat(log).containsSubsequence("POST  0", "PATCH 0-9999 10000", "GET  0", "PATCH 10000-19999 10000",
        "PATCH 20000-29999 10000", "PUT  0");
  }

  @Test
  void headManifestWithoutDigestHeaderFallsBackToTheBody() {
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_IMAGE_INDEX + "\",\"manifests\":[]}";
    server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", MediaTypes.OCI_IMAGE_INDEX).build());
    server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", MediaTypes.OCI_IMAGE_INDEX)
        .body(manifest).build());

    Descriptor head = client.headManifest(repo().withTag("1.0")).orElseThrow();

    assertThat(head.digest()).isEqualTo(Manifest.parse(manifest.getBytes(StandardCharsets.UTF_8), "").digest());
    assertThat(head.size()).isEqualTo(manifest.length());
  }
}
