package dev.ferry.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.registry.ProxyOptions;
import dev.ferry.registry.RegistryOptions;
import dev.ferry.registry.RetryPolicy;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransportSettingsTest {
  @Test
  void defaultsHaveNoTotalTimeoutAndAVerifiedDirectConnection() {
    TransportSettings settings = TransportSettings.builder().build();

    assertThat(settings.userAgent()).isEqualTo("ferry/0.1");
    assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.socketTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(settings.retryPolicy()).isEqualTo(RetryPolicy.defaults());
    assertThat(settings.proxy()).isEqualTo(ProxyOptions.none());
    assertThat(settings.registries()).isEmpty();
    assertThat(settings.optionsFor("registry-1.docker.io", 443, true)).isEqualTo(RegistryOptions.defaults());
    assertThat(settings.random().getAsDouble()).isBetween(0.0, 1.0);
  }

  @Test
  void normalizesRegistryKeysAndLooksThemUp() {
    RegistryOptions insecure = RegistryOptions.builder().insecure().build();
    TransportSettings settings = TransportSettings.builder()
        .registries(Map.of("LocalHost:5000", insecure))
        .registry("https://mirror.example/", RegistryOptions.builder().plainHttp().build())
        .build();

    assertThat(settings.registries()).containsOnlyKeys("localhost:5000", "mirror.example");
    assertThat(settings.optionsFor("localhost", 5000, true)).isSameAs(insecure);
    assertThat(settings.optionsFor("localhost", 5001, true)).isEqualTo(RegistryOptions.defaults());
  }

  @Test
  void refusesNonsense() {
    assertThatThrownBy(() -> TransportSettings.builder().connectTimeout(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TransportSettings.builder().socketTimeout(Duration.ofSeconds(-1)).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TransportSettings.builder().maxConnections(0, 1).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TransportSettings.builder().registry("host/path", RegistryOptions.defaults()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theSystemSleeperHonoursInterrupts() {
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> Sleeper.system().sleep(Duration.ofSeconds(30)))
          .isInstanceOf(InterruptedException.class);
    } finally {
      Thread.interrupted();
    }
  }
}
