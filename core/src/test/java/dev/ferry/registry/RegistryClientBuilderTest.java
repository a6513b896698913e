package dev.ferry.registry;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RegistryClientBuilderTest {
  @Test
  void plainHttpRefusesAUrlAndSaysWhatToDrop() {
    assertThatThrownBy(() -> RegistryClient.builder().plainHttp("http://localhost:5000"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("plainHttp(...) takes host[:port], not a URL: drop \"http://\" from \"http://localhost:5000\"");
  }

  @Test
  void insecureAndRegistryRefuseAUrlToo() {
    assertThatThrownBy(() -> RegistryClient.builder().insecure("https://registry.example"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("insecure(...) takes host[:port]");
    assertThatThrownBy(() -> RegistryClient.builder().registry("https://mirror.example/",
        RegistryOptions.builder().plainHttp().build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("drop \"https://\"");
  }

  @Test
  void acceptsHostAndPort() {
    assertThatCode(() -> RegistryClient.builder().plainHttp("localhost:5000", "Registry.Example")
        .insecure("[::1]:5000").build().close()).doesNotThrowAnyException();
  }
}
