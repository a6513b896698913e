package dev.ferry.copy;

import dev.ferry.it.DockerRegistryProcess;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryClient;
import java.nio.file.Path;

/** Two real docker-registry processes and one plain-HTTP client for both: where copy ITs copy from and to. */
final class RegistryPair implements AutoCloseable {
  final DockerRegistryProcess source;
  final DockerRegistryProcess destination;
  final RegistryClient client;

  private RegistryPair(DockerRegistryProcess source, DockerRegistryProcess destination) {
    this.source = source;
    this.destination = destination;
    this.client = RegistryClient.builder().plainHttp(source.address(), destination.address()).build();
  }

  static RegistryPair start(Path work) {
    DockerRegistryProcess source = DockerRegistryProcess.start(work.resolve("source"));
    try {
      return new RegistryPair(source, DockerRegistryProcess.start(work.resolve("destination")));
    } catch (RuntimeException | Error e) {
      source.close();
      throw e;
    }
  }

  ImageReference src(String path) {
    return ImageReference.parse(source.address() + "/" + path);
  }

  ImageReference dst(String path) {
    return ImageReference.parse(destination.address() + "/" + path);
  }

  @Override
  public void close() {
    try (source; destination; client) {
      // closed in reverse order of declaration
    }
  }
}
