package dev.ferry.testing.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.copy.CopyOperation;
import dev.ferry.copy.CopyResult;
import dev.ferry.reference.Digest;
import dev.ferry.testing.TestImage;
import dev.ferry.testing.TestImages;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Cancelling {@code executeAsync} while a source trickles: the caller is not held, the transfers stop. */
class CopyCancellationTest {
  private final TwoRegistries registries = new TwoRegistries();
  private final ExecutorService pool = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    pool.shutdownNow();
    registries.close();
  }

  /** Waits until the source has started answering the download of {@code blob}. */
  static void awaitDownloadStarted(TwoRegistries registries, Digest blob) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (registries.source.requests().stream()
        .noneMatch(c -> c.status() == 200 && TwoRegistries.blobGet(blob).test(c.line()))) {
      assertThat(System.nanoTime()).as("the download of %s started", blob).isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  @Test
  @Timeout(60)
  void cancelReturnsAtOnceWhileASmallLayerTricklesAndTheTransferThreadsStop() throws Exception {
    // under 64 KiB: what a plain close would read through to keep the connection, at 2 KB/s for 24 s
    TestImage image = TestImages.image().layerSizes(48_000).push(registries.source, "cancel/app:1");
    Digest layer = image.layers().get(0);
    registries.source.throttleBlobDownloads(2_000, TwoRegistries.blobGet(layer));
    CompletableFuture<CopyResult> future = CopyOperation.from(image.reference()).to(registries.dst("cancel/app:1"))
        .executor(pool).executeAsync(registries.client);
    awaitDownloadStarted(registries, layer);

    long start = System.nanoTime();
    boolean cancelled = future.cancel(true);
    Duration held = Duration.ofNanos(System.nanoTime() - start);

    assertThat(cancelled).isTrue();
    assertThat(held).isLessThan(Duration.ofSeconds(1));
    assertThatThrownBy(future::join).isInstanceOf(CancellationException.class);
    pool.shutdown();
    assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).as("the transfer threads stopped").isTrue();
    assertThat(registries.source.requests()).filteredOn(c -> TwoRegistries.blobGet(layer).test(c.line()))
        .as("an aborted download is not resumed").hasSize(1);
    assertThat(registries.client.headManifest(registries.dst("cancel/app:1"))).isEmpty();
    assertThat(registries.destinationCalls("PUT", "/manifests/")).isEmpty();
  }

  @Test
  @Timeout(60)
  void cancelStopsTheCopysOwnTransferThreads() throws Exception {
    TestImage image = TestImages.image().layerSizes(48_000, 200_000).push(registries.source, "cancel/own:1");
    for (Digest layer : image.layers()) {
      registries.source.throttleBlobDownloads(4_000, TwoRegistries.blobGet(layer));
    }
    CompletableFuture<CopyResult> future = CopyOperation.from(image.reference()).to(registries.dst("cancel/own:1"))
        .executeAsync(registries.client);
    awaitDownloadStarted(registries, image.layers().get(0));
    awaitDownloadStarted(registries, image.layers().get(1));

    long start = System.nanoTime();
    future.cancel(true);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith("ferry-copy-"))) {
      assertThat(System.nanoTime()).as("the copy's own threads ended").isLessThan(deadline);
      Thread.sleep(10);
    }
    assertThat(registries.destinationCalls("PUT", "/manifests/")).isEmpty();
  }

  @Test
  @Timeout(60)
  void cancelStopsALargeLayerMidStreamAndNoTagIsWritten() throws Exception {
    TestImage image = TestImages.image().layerSizes(600_000, 3_000).push(registries.source, "cancel/big:1");
    Digest layer = image.layers().get(0);
    registries.source.throttleBlobDownloads(40_000, TwoRegistries.blobGet(layer));
    CompletableFuture<CopyResult> future = CopyOperation.from(image.reference()).to(registries.dst("cancel/big:1"))
        .executor(pool).executeAsync(registries.client);
    awaitDownloadStarted(registries, layer);

    future.cancel(false);

    assertThatThrownBy(future::join).isInstanceOf(CancellationException.class);
    pool.shutdown();
    assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).as("the transfer threads stopped").isTrue();
    assertThat(registries.source.requests()).filteredOn(c -> TwoRegistries.blobGet(layer).test(c.line()))
        .as("an aborted download is not resumed").hasSize(1);
    assertThat(registries.client.headBlob(registries.dst("cancel/big"), layer)).isEmpty();
    assertThat(registries.destinationCalls("PUT", "/manifests/")).isEmpty();
  }
}
