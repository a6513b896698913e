package dev.ferry.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.registry.RegistryOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryHostsTest {
  private static final RegistryOptions INSECURE = RegistryOptions.builder().insecure().build();
  private static final RegistryOptions PLAIN = RegistryOptions.builder().plainHttp().build();

  @Test
  void normalizesWhatUsersPasteIn() {
    assertThat(RegistryHosts.normalize("Localhost:5000")).isEqualTo("localhost:5000");
    assertThat(RegistryHosts.normalize("https://registry.example/")).isEqualTo("registry.example");
    assertThat(RegistryHosts.normalize(" [::1]:5000 ")).isEqualTo("[::1]:5000");
  }

  @Test
  void refusesWhatIsNotAHost() {
    for (String bad : new String[] {"", "registry.example/v2", "user@registry.example", "a b", "host:port:x",
        "registry.example?x=1"}) {
      assertThatThrownBy(() -> RegistryHosts.normalize(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void aKeyWithAPortMatchesThatPortOnly() {
    Map<String, RegistryOptions> registries = Map.of("localhost:5000", INSECURE);

    assertThat(RegistryHosts.lookup(registries, "LOCALHOST", 5000, true)).isSameAs(INSECURE);
    assertThat(RegistryHosts.lookup(registries, "localhost", 443, true)).isEqualTo(RegistryOptions.defaults());
    assertThat(RegistryHosts.lookup(registries, "127.0.0.1", 5000, true)).isEqualTo(RegistryOptions.defaults());
  }

  @Test
  void aKeyWithoutPortMatchesTheDefaultPortOnly() {
    Map<String, RegistryOptions> registries = Map.of("registry.example", INSECURE, "[::1]", PLAIN);

    assertThat(RegistryHosts.lookup(registries, "registry.example", 443, true)).isSameAs(INSECURE);
    assertThat(RegistryHosts.lookup(registries, "registry.example", -1, true)).isSameAs(INSECURE);
    assertThat(RegistryHosts.lookup(registries, "registry.example", 80, false)).isSameAs(INSECURE);
    assertThat(RegistryHosts.lookup(registries, "registry.example", 8443, true)).isEqualTo(RegistryOptions.defaults());
    assertThat(RegistryHosts.lookup(registries, "::1", 80, false)).isSameAs(PLAIN);
  }
}
