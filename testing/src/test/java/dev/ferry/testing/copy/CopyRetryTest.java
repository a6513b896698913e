package dev.ferry.testing.copy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.copy.CopyEvent;
import dev.ferry.copy.CopyOperation;
import dev.ferry.copy.CopyResult;
import dev.ferry.manifest.Descriptor;
import dev.ferry.manifest.ImageManifest;
import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import dev.ferry.testing.RecordedCall;
import dev.ferry.testing.TestImage;
import dev.ferry.testing.TestImages;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Transient faults a copy survives, for each way the engine uploads: small blobs in one
 * PUT after the POST, blobs over 32 MiB streamed with PATCH. Asserted on what the
 * registries logged and on the bytes that arrived.
 */
class CopyRetryTest {
  /** Just over the size above which the engine streams a blob with PATCH instead of one PUT. */
  private static final long STREAMED = 32L * 1024 * 1024 + 4096;

  private final TwoRegistries registries = new TwoRegistries();

  @AfterEach
  void stop() {
    registries.close();
  }

  /** The tag names the source's digest and every layer reads back whole through the digest check. */
  private void assertArrivedWhole(TestImage image, String destination) throws IOException {
    ImageReference target = registries.dst(destination);
    assertThat(registries.client.headManifest(target).orElseThrow().digest()).isEqualTo(image.digest());
    ImageManifest manifest = (ImageManifest) registries.client.fetchManifest(target);
    for (Descriptor layer : manifest.layers()) {
      try (InputStream in = registries.client.openBlob(target, layer)) {
        assertThat(in.transferTo(OutputStream.nullOutputStream())).isEqualTo(layer.size());
      }
    }
  }

  @Test
  void aSmallBlobSurvivesA503OnTheUploadStart() throws IOException {
    TestImage image = TestImages.image().layerSizes(20_000).push(registries.source, "retry/post:1");
    registries.destination.failNext(2, r -> r.method().equals("POST") && r.path().contains("/blobs/uploads/"), 503);
    List<CopyEvent> events = new CopyOnWriteArrayList<>();

    CopyResult result = CopyOperation.from(image.reference()).to(registries.dst("retry/post:1")).parallelism(1)
        .listener(events::add).execute(registries.client);

    assertThat(result.blobsCopied()).isEqualTo(2);
    assertThat(registries.destinationCalls("POST", "/blobs/uploads/")).extracting(RecordedCall::status)
        .containsExactly(503, 503, 202, 202);
    assertThat(events).filteredOn(e -> e instanceof CopyEvent.Retry).hasSize(2);
    assertArrivedWhole(image, "retry/post:1");
  }

  @Test
  void aSmallBlobSurvivesASourceDownloadCutShort() throws IOException {
    TestImage image = TestImages.image().layerSizes(300_000).push(registries.source, "retry/drop:1");
    Digest layer = image.layers().get(0);
    registries.source.dropBlobConnectionAfter(100_000, 1);

    CopyOperation.from(image.reference()).to(registries.dst("retry/drop:1")).execute(registries.client);

    assertThat(registries.source.requests()).filteredOn(c -> TwoRegistries.blobGet(layer).test(c.line()))
        .extracting(c -> c.range().orElse("whole")).containsExactly("whole", "bytes=100000-");
    assertArrivedWhole(image, "retry/drop:1");
  }

  @Test
  void aStreamedBlobSurvivesA503OnItsPatch() throws IOException {
    TestImage image = TestImages.image().layerSizes(STREAMED).push(registries.source, "retry/patch:1");
    registries.destination.failNext(1, r -> r.method().equals("PATCH"), 503);

    CopyOperation.from(image.reference()).to(registries.dst("retry/patch:1")).execute(registries.client);

    assertThat(registries.destinationCalls("PATCH", "/blobs/uploads/")).extracting(RecordedCall::status)
        .startsWith(503).endsWith(202);
    assertArrivedWhole(image, "retry/patch:1");
  }

  @Test
  void aStreamedBlobSurvivesASourceDownloadCutShort() throws IOException {
    TestImage image = TestImages.image().layerSizes(STREAMED).push(registries.source, "retry/bigdrop:1");
    Digest layer = image.layers().get(0);
    registries.source.dropBlobConnectionAfter(8L * 1024 * 1024, 1);

    CopyOperation.from(image.reference()).to(registries.dst("retry/bigdrop:1")).execute(registries.client);

    assertThat(registries.source.requests()).filteredOn(c -> TwoRegistries.blobGet(layer).test(c.line()))
        .extracting(c -> c.range().orElse("whole")).containsExactly("whole", "bytes=" + 8L * 1024 * 1024 + "-");
    assertArrivedWhole(image, "retry/bigdrop:1");
  }

  @Test
  void aTagWrittenAfterA429WithRetryAfterArrives() throws IOException {
    TestImage image = TestImages.image().push(registries.source, "retry/tag:1");
    registries.destination.failNext(1, r -> r.method().equals("PUT") && r.path().endsWith("/manifests/1"), 429,
        Duration.ZERO);

    CopyOperation.from(image.reference()).to(registries.dst("retry/tag:1")).execute(registries.client);

    assertThat(registries.destinationCalls("PUT", "/manifests/1")).extracting(RecordedCall::status)
        .containsExactly(429, 201);
    assertArrivedWhole(image, "retry/tag:1");
  }
}
