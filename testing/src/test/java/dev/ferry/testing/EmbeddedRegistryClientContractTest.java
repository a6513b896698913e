package dev.ferry.testing;

import dev.ferry.it.RegistryClientContract;
import dev.ferry.registry.RegistryClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The client scenarios core's {@code RegistryClientIT} runs against Debian's
 * docker-registry, here against the embedded registry (without the referrers API,
 * as distribution 2.8).
 */
class EmbeddedRegistryClientContractTest extends RegistryClientContract {
  private static EmbeddedRegistry registry;
  private static RegistryClient client;

  @BeforeAll
  static void start() {
    registry = EmbeddedRegistry.builder().referrersApi(false).start();
    client = registry.clientBuilder().build();
  }

  @AfterAll
  static void stop() {
    client.close();
    registry.close();
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
