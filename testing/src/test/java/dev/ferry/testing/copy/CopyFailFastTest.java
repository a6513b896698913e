package dev.ferry.testing.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ferry.copy.CopyException;
import dev.ferry.copy.CopyOperation;
import dev.ferry.reference.Digest;
import dev.ferry.registry.RegistryResponseException;
import dev.ferry.testing.TestImage;
import dev.ferry.testing.TestImages;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The first failing transfer ends the copy at once: the others stop, nothing after the blobs is written. */
class CopyFailFastTest {
  private final TwoRegistries registries = new TwoRegistries();
  private final ExecutorService pool = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    pool.shutdownNow();
    registries.close();
  }

  @Test
  @Timeout(60)
  void aMissingBlobFailsTheCopyWithoutWaitingForASlowLayer() throws Exception {
    TestImage image = TestImages.image().layerSizes(400_000, 1_000).push(registries.source, "fast/app:1");
    Digest slow = image.layers().get(0);
    Digest missing = image.layers().get(1);
    // the large layer would take 20 s; the small one is gone from the source
    registries.source.throttleBlobDownloads(20_000, TwoRegistries.blobGet(slow));
    registries.source.failNext(10, TwoRegistries.blobGet(missing), 404);

    long start = System.nanoTime();
    Throwable thrown = catchThrowable(() -> CopyOperation.from(image.reference()).to(registries.dst("fast/app:1"))
        .executor(pool).execute(registries.client));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(thrown).isInstanceOfSatisfying(CopyException.class, e -> {
      assertThat(e.part()).isEqualTo(CopyException.Part.BLOB);
      assertThat(e.digest()).contains(missing);
      assertThat(e.registry()).isEqualTo(registries.source.address());
      assertThat(e.repository()).isEqualTo("fast/app");
      assertThat(e.failure()).isInstanceOfSatisfying(RegistryResponseException.class,
          r -> assertThat(r.status()).isEqualTo(404));
    }).hasMessageContaining(missing.toString());
    assertThat(took).isLessThan(Duration.ofSeconds(5));
    pool.shutdown();
    assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).as("the slow transfer was stopped").isTrue();
    assertThat(registries.client.headBlob(registries.dst("fast/app"), slow)).isEmpty();
    assertThat(registries.destinationCalls("PUT", "/manifests/")).isEmpty();
  }

  @Test
  void aFailedManifestFetchWritesNothing() {
    TestImage image = TestImages.image().platforms("linux/amd64", "linux/arm64").push(registries.source, "fast/multi:1");
    Digest arm = image.platforms().values().stream().skip(1).findFirst().orElseThrow();
    registries.source.failNext(10, r -> r.method().equals("GET") && r.path().endsWith("/manifests/" + arm), 404);

    Throwable thrown = catchThrowable(() -> CopyOperation.from(image.reference()).to(registries.dst("fast/multi:1"))
        .execute(registries.client));

    assertThat(thrown).isInstanceOfSatisfying(CopyException.class, e -> {
      assertThat(e.part()).isEqualTo(CopyException.Part.MANIFEST);
      assertThat(e.digest()).contains(arm);
      assertThat(e.registry()).isEqualTo(registries.source.address());
    }).hasMessageContaining(arm.toString());
    assertThat(registries.destinationCalls("PUT", "/manifests/")).isEmpty();
    assertThat(registries.destinationCalls("POST", "/blobs/uploads/")).isEmpty();
  }
}
