package dev.ferry.it;

import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryClient;
import dev.ferry.registry.RetryPolicy;
import java.nio.file.Path;

/**
 * A source and a destination {@code docker-registry} process and one plain-HTTP client for
 * both: the fixture of tests and benchmarks that move images between two real registries.
 */
public final class TwoRegistries implements AutoCloseable {
  private final DockerRegistryProcess source;
  private final DockerRegistryProcess destination;
  private final RegistryClient client;

  private TwoRegistries(DockerRegistryProcess source, DockerRegistryProcess destination, RegistryClient client) {
    this.source = source;
    this.destination = destination;
    this.client = client;
  }

  /** Starts both under {@code work/source} and {@code work/destination}, with a client using {@code retries}. */
  public static TwoRegistries start(Path work, RetryPolicy retries) {
    DockerRegistryProcess source = DockerRegistryProcess.start(work.resolve("source"));
    try {
      DockerRegistryProcess destination = DockerRegistryProcess.start(work.resolve("destination"));
      return new TwoRegistries(source, destination, RegistryClient.builder()
          .plainHttp(source.address(), destination.address()).retryPolicy(retries).build());
    } catch (RuntimeException | Error e) {
      source.close();
      throw e;
    }
  }

  public DockerRegistryProcess source() {
    return source;
  }

  public DockerRegistryProcess destination() {
    return destination;
  }

  public RegistryClient client() {
    return client;
  }

  /** {@code path} (repository, tag) at the source. */
  public ImageReference src(String path) {
    return ImageReference.parse(source.address() + "/" + path);
  }

  /** {@code path} (repository, tag) at the destination. */
  public ImageReference dst(String path) {
    return ImageReference.parse(destination.address() + "/" + path);
  }

  @Override
  public void close() {
    client.close();
    source.close();
    destination.close();
  }
}
