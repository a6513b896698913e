package dev.ferry.registry;

import dev.ferry.it.DockerRegistryProcess;
import dev.ferry.it.RegistryClientContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The whole distribution API against Debian's docker-registry over plain HTTP (the scenarios are shared). */
class RegistryClientIT extends RegistryClientContract {
  @TempDir
  static Path work;

  private static DockerRegistryProcess registry;
  private static RegistryClient client;

  @BeforeAll
  static void start() {
    registry = DockerRegistryProcess.start(work.resolve("registry"));
    client = RegistryClient.builder().plainHttp(registry.address()).build();
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    if (registry != null) {
      registry.close();
    }
  }

  @Override
  protected String address() {
    return registry.address();
  }

  @Override
  protected RegistryClient client() {
    return client;
  }
}
