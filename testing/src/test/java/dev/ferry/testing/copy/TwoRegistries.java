package dev.ferry.testing.copy;

import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryClient;
import dev.ferry.registry.RetryPolicy;
import dev.ferry.testing.EmbeddedRegistry;
import dev.ferry.testing.RecordedCall;
import dev.ferry.testing.RequestLine;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/** A source and a destination registry in process, and one client for both with quick retries. */
final class TwoRegistries implements AutoCloseable {
  static final RetryPolicy QUICK = RetryPolicy.builder().maxAttempts(4)
      .initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(5)).build();

  final EmbeddedRegistry source = EmbeddedRegistry.start();
  final EmbeddedRegistry destination = EmbeddedRegistry.start();
  final RegistryClient client = RegistryClient.builder().plainHttp(source.address(), destination.address())
      .retryPolicy(QUICK).build();

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

  static Predicate<RequestLine> blobGet(Object digest) {
    return r -> r.method().equals("GET") && r.path().endsWith("/blobs/" + digest);
  }

  @Override
  public void close() {
    client.close();
    source.close();
    destination.close();
  }
}
