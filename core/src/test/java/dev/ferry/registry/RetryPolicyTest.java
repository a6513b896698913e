package dev.ferry.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  @Test
  void defaultsAreFiveAttemptsFrom200MsTo10sHonouringRetryAfterUpToAMinute() {
    RetryPolicy defaults = RetryPolicy.defaults();

    assertThat(defaults.maxAttempts()).isEqualTo(5);
    assertThat(defaults.initialBackoff()).isEqualTo(Duration.ofMillis(200));
    assertThat(defaults.maxBackoff()).isEqualTo(Duration.ofSeconds(10));
    assertThat(defaults.maxRetryAfter()).isEqualTo(Duration.ofSeconds(60));
    assertThat(defaults.jitter()).isEqualTo(RetryPolicy.Jitter.EQUAL);
  }

  @Test
  void noneSendsOnce() {
    assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
  }

  @Test
  void toBuilderRoundTrips() {
    RetryPolicy custom = RetryPolicy.builder().maxAttempts(8).initialBackoff(Duration.ofSeconds(1))
        .maxBackoff(Duration.ofSeconds(30)).maxRetryAfter(Duration.ofMinutes(5)).jitter(RetryPolicy.Jitter.FULL)
        .build();

    assertThat(custom.toBuilder().build()).isEqualTo(custom).hasSameHashCodeAs(custom);
    assertThat(custom).hasToString("RetryPolicy[maxAttempts=8, initialBackoff=PT1S, maxBackoff=PT30S, "
        + "maxRetryAfter=PT5M, jitter=FULL]");
  }

  @Test
  void refusesNonsense() {
    assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RetryPolicy.builder().initialBackoff(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RetryPolicy.builder().maxRetryAfter(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RetryPolicy.builder().initialBackoff(Duration.ofMinutes(1)).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("exceeds maxBackoff");
  }
}
