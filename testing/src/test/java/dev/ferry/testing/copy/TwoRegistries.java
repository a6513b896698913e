package dev.ferry.testing.copy;

import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryClient;
import dev.ferry.registry.RetryPolicy;
import dev.ferry.testing.EmbeddedRegistry;
import dev.ferry.testing.RecordedCall;
import dev.ferry.testing.RequestLine;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A source and a destination registry in process, and one client for both with quick retries. */
final class TwoRegistries implements AutoCloseable {
  static final RetryPolicy QUICK = RetryPolicy.builder().maxAttempts(4)
      .initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(5)).build();

  final EmbeddedRegistry source = EmbeddedRegistry.start();
  final EmbeddedRegistry destination = EmbeddedRegistry.start();
  final RegistryClient client = RegistryClient.builder().plainHttp(source.address(), destination.address())
      .retryPolicy(QUICK).build();
  /** An executor of the test's own, for copies whose transfer threads a test watches end. */
  final ExecutorService pool = Executors.newCachedThreadPool();

  ImageReference src(String repositoryAndTag) {
    return source.reference(repositoryAndTag);
  }

  ImageReference dst(String repositoryAndTag) {
    return destination.reference(repositoryAndTag);
  }

  /** The requests the destination answered with this method whose path contains {@code part}. */
  List<RecordedCall> destinationCalls(String method, String part) {
    return destination.requests().stream().filter(c -> c.method().equals(method) && c.path().contains(part)).toList();
  }

  /** Whether every transfer run on {@link #pool} has ended within ten seconds (no new ones are taken). */
  boolean transfersStopped() throws InterruptedException {
    pool.shutdown();
    return pool.awaitTermination(10, TimeUnit.SECONDS);
  }

  /** Waits until the source has started answering the download of {@code blob}. */
  void awaitDownloadStarted(Digest blob) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (source.requests().stream().noneMatch(c -> c.status() == 200 && blobGet(blob).test(c.line()))) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the download of " + blob + " did not start");
      }
      Thread.sleep(10);
    }
  }

  static Predicate<RequestLine> blobGet(Object digest) {
    return r -> r.method().equals("GET") && r.path().endsWith("/blobs/" + digest);
  }

  @Override
  public void close() {
    pool.shutdownNow();
    client.close();
    source.close();
    destination.close();
  }
}
