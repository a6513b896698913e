package dev.ferry.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.registry.RegistryClient;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The annotation: a fresh registry per test, handed over as a parameter. */
@WithEmbeddedRegistry
class WithEmbeddedRegistryTest {
  private static final Set<String> SEEN = new HashSet<>();

  @Test
  void firstTestGetsAnEmptyRegistry(EmbeddedRegistry registry) {
    check(registry);
  }

  @Test
  void secondTestGetsAnotherEmptyRegistry(EmbeddedRegistry registry) {
    check(registry);
  }

  private static void check(EmbeddedRegistry registry) {
    assertThat(SEEN.add(registry.address())).isTrue();
    try (RegistryClient client = RegistryClient.builder().plainHttp(registry.address()).build()) {
      assertThat(client.catalog(registry.address())).isEmpty();
      TestImages.image().push(client, registry.reference("fresh/app:1"));
      assertThat(client.catalog(registry.address())).containsExactly("fresh/app");
    }
  }
}
