package dev.ferry.testing.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.copy.CopyEvent;
import dev.ferry.copy.CopyListener;
import dev.ferry.copy.CopyOperation;
import dev.ferry.copy.CopyResult;
import dev.ferry.testing.TestImage;
import dev.ferry.testing.TestImages;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How many blob transfers a copy runs at once, on its own pool and on the caller's executor. */
class CopyParallelismTest {
  private final TwoRegistries registries = new TwoRegistries();

  @AfterEach
  void stop() {
    registries.close();
  }

  /** Counts blob transfers between their start and finish, and the most at once. */
  private static final class InFlight implements CopyListener {
    final AtomicInteger now = new AtomicInteger();
    final AtomicInteger most = new AtomicInteger();

    @Override
    public void blobStarted(CopyEvent.BlobStarted event) {
      most.accumulateAndGet(now.incrementAndGet(), Math::max);
    }

    @Override
    public void blobFinished(CopyEvent.BlobFinished event) {
      now.decrementAndGet();
    }
  }

  private TestImage slowImage() {
    TestImage image = TestImages.image().layerSizes(2000, 2001, 2002, 2003, 2004, 2005, 2006, 2007, 2008, 2009)
        .push(registries.source, "par/app:1");
    // every source read takes a while, so transfers that may overlap do
    registries.source.delayResponses(Duration.ofMillis(150), r -> r.method().equals("GET") && r.path().contains("/blobs/"));
    return image;
  }

  @Test
  void theCallersExecutorRunsNoMoreThanParallelismTransfersAtOnce() throws Exception {
    TestImage image = slowImage();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    InFlight inFlight = new InFlight();
    try {
      CopyResult result = CopyOperation.from(image.reference()).to(registries.dst("par/app:1"))
          .executor(pool).parallelism(2).listener(inFlight).execute(registries.client);

      assertThat(result.blobsCopied()).isEqualTo(11);
      assertThat(inFlight.most).hasValue(2);
      assertThat(pool.isShutdown()).as("the caller's executor stays the caller's").isFalse();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void itsOwnPoolRunsParallelismTransfersAtOnce() {
    TestImage image = slowImage();
    InFlight inFlight = new InFlight();

    CopyResult result = CopyOperation.from(image.reference()).to(registries.dst("par/app:1"))
        .parallelism(3).listener(inFlight).execute(registries.client);

    assertThat(result.blobsCopied()).isEqualTo(11);
    assertThat(inFlight.most).hasValue(3);
  }

  @Test
  void aShutDownExecutorIsAClearErrorAndWritesNothing() {
    TestImage image = TestImages.image().push(registries.source, "par/shut:1");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    pool.shutdown();

    assertThatThrownBy(() -> CopyOperation.from(image.reference()).to(registries.dst("par/shut:1")).executor(pool)
        .execute(registries.client))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("executor").hasMessageContaining("shut down");
    assertThat(registries.destinationCalls("PUT", "/manifests/")).isEmpty();
  }

  @Test
  void parallelismOneCopiesOneBlobAtATimeOnTheCallersExecutor() {
    TestImage image = slowImage();
    ExecutorService pool = Executors.newCachedThreadPool();
    InFlight inFlight = new InFlight();
    try {
      CopyOperation.from(image.reference()).to(registries.dst("par/app:1"))
          .executor(pool).parallelism(1).listener(inFlight).execute(registries.client);
    } finally {
      pool.shutdownNow();
    }

    assertThat(inFlight.most).hasValue(1);
    assertThat(registries.client.headManifest(registries.dst("par/app:1")).orElseThrow().digest())
        .isEqualTo(image.digest());
  }
}
