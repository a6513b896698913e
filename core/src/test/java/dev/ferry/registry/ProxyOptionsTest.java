package dev.ferry.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ProxySelector;
import org.junit.jupiter.api.Test;

class ProxyOptionsTest {
  @Test
  void describesEachKind() {
    assertThat(ProxyOptions.none().kind()).isEqualTo(ProxyOptions.Kind.NONE);
    assertThat(ProxyOptions.system().kind()).isEqualTo(ProxyOptions.Kind.SYSTEM);
    ProxyOptions fixed = ProxyOptions.of("proxy.corp.example", 3128);
    assertThat(fixed.host()).contains("proxy.corp.example");
    assertThat(fixed.port()).hasValue(3128);
    assertThat(fixed).isEqualTo(ProxyOptions.of("proxy.corp.example", 3128))
        .hasToString("ProxyOptions[proxy.corp.example:3128]");
    ProxySelector selector = ProxySelector.of(null);
    assertThat(ProxyOptions.selector(selector).selector()).contains(selector);
    assertThat(ProxyOptions.none().host()).isEmpty();
    assertThat(ProxyOptions.none().port()).isEmpty();
  }

  @Test
  void refusesBadAddresses() {
    assertThatThrownBy(() -> ProxyOptions.of(" ", 3128)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ProxyOptions.of("proxy", 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ProxyOptions.of("proxy", 65536)).isInstanceOf(IllegalArgumentException.class);
  }
}
