package dev.ferry.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WanOptionsTest {
  @Test
  void defaultsRunBothVariantsAndEveryCaseAtFiftyMilliseconds() {
    WanOptions options = WanOptions.parse(new String[0]);

    assertThat(options.runs()).isEqualTo(3);
    assertThat(options.rtt()).isEqualTo(Duration.ofMillis(50));
    assertThat(options.variants()).containsExactlyInAnyOrder(Variant.PLAIN, Variant.TLS_TOKEN);
    assertThat(options.cases()).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
    assertThat(options.trace()).isFalse();
  }

  @Test
  void choosesVariantsCasesRoundTripAndTrace() {
    WanOptions options = WanOptions.parse(
        new String[] {"--variants", "tls", "--cases", "1,4", "--rtt", "100", "--runs", "5", "--trace"});

    assertThat(options.variants()).containsExactly(Variant.TLS_TOKEN);
    assertThat(options.cases()).isEqualTo(Set.of(1, 4));
    assertThat(options.rtt()).isEqualTo(Duration.ofMillis(100));
    assertThat(options.runs()).isEqualTo(5);
    assertThat(options.trace()).isTrue();
  }

  @Test
  void refusesWhatItCannotRunNamingTheOption() {
    assertThatThrownBy(() -> WanOptions.parse(new String[] {"--cases", "6"})).hasMessageContaining("--cases");
    assertThatThrownBy(() -> WanOptions.parse(new String[] {"--variants", "http2"})).hasMessageContaining("--variants");
    assertThatThrownBy(() -> WanOptions.parse(new String[] {"--rtt", "-5"})).hasMessageContaining("--rtt");
    assertThatThrownBy(() -> WanOptions.parse(new String[] {"--runs"})).hasMessageContaining("needs a value");
  }
}
