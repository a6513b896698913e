package dev.ferry.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.copy.CopyEvent;
import dev.ferry.copy.CopyListener;
import dev.ferry.copy.CopyOperation;
import dev.ferry.copy.CopyResult;
import dev.ferry.registry.RegistryClient;
import dev.ferry.registry.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Copies between two embedded registries whose destination refuses an upload once or whose
 * copy is cancelled mid-upload: the upload is restarted, and every abandoned session is
 * cancelled at the registry, as the destination's request log shows.
 */
class UploadRecoveryCopyTest {
  // no waits at all: the strategy's decisions are what is tested, not the clock
  private static final RetryPolicy IMMEDIATE = RetryPolicy.builder().initialBackoff(Duration.ZERO)
      .maxBackoff(Duration.ZERO).build();

  private EmbeddedRegistry source;
  private EmbeddedRegistry destination;
  private RegistryClient client;

  @BeforeEach
  void start() {
    source = EmbeddedRegistry.start();
    destination = EmbeddedRegistry.start();
    client = RegistryClient.builder().plainHttp(source.address(), destination.address()).retryPolicy(IMMEDIATE)
        .build();
  }

  @AfterEach
  void stop() {
    client.close();
    source.close();
    destination.close();
  }

  private List<String> uploadCalls() {
    return destination.requests().stream().filter(c -> c.path().contains("/blobs/uploads/"))
        .map(c -> c.method() + " " + c.status()).toList();
  }

  @Test
  void aMonolithicUploadRefusedWith503IsRestartedAndTheFirstSessionCancelled() {
    TestImage image = TestImages.image().layerSizes(200_000).seed(11).push(source, "app/one:1.0");
    destination.failNext(1, r -> r.method().equals("PUT") && r.path().contains("/blobs/uploads/"), 503);
    List<CopyEvent> events = new CopyOnWriteArrayList<>();

    CopyResult result = CopyOperation.from(source.reference("app/one:1.0")).to(destination.reference("app/one:1.0"))
        .parallelism(1).listener(events::add).execute(client);

    assertThat(result.digest()).isEqualTo(image.digest());
    assertThat(uploadCalls()).containsSubsequence("POST 202", "PUT 503", "DELETE 204", "POST 202", "PUT 201");
    assertThat(events).filteredOn(e -> e instanceof CopyEvent.Retry).singleElement()
        .satisfies(e -> assertThat(((CopyEvent.Retry) e).reason()).isEqualTo("503 Service Unavailable"));
  }

  @Test
  void aCopyCancelledMidUploadCancelsTheSessionAtTheRegistry() throws Exception {
    TestImage image = TestImages.image().layerSizes(3 * 1024 * 1024).seed(12).push(source, "app/two:1.0");
    dev.ferry.reference.Digest layerDigest = image.layers().get(0);
    CompletableFuture<CompletableFuture<CopyResult>> running = new CompletableFuture<>();
    CopyListener cancelAfterFirstMebibyte = new CopyListener() {
      @Override
      public void blobProgress(CopyEvent.BlobProgress event) {
        if (event.size() > 1024 * 1024 && event.transferred() < event.size()) {
          running.join().cancel(true);
        }
      }
    };
    ExecutorService worker = Executors.newSingleThreadExecutor();
    try {
      running.complete(CopyOperation.from(source.reference("app/two:1.0")).to(destination.reference("app/two:1.0"))
          .executor(worker).listener(cancelAfterFirstMebibyte).executeAsync(client));

      assertThatThrownBy(() -> running.join().get(30, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
    } finally {
      // the worker cleans up after the future reports the cancellation: wait for it to end
      worker.shutdown();
      assertThat(worker.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    // 204, or 404 when the registry already ended the session whose PUT it saw cut short
    assertThat(uploadCalls()).filteredOn(c -> c.startsWith("DELETE ")).hasSize(1)
        .allSatisfy(c -> assertThat(c).isIn("DELETE 204", "DELETE 404"));
    assertThat(destination.requests()).noneMatch(c -> c.method().equals("PUT") && c.status() == 201
        && c.path().contains("/blobs/uploads/") && c.path().contains(layerDigest.toString()));
  }
}
