package dev.ferry.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.registry.RateLimit;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** How long a mirror waits for a registry's window: what the registry said, in order of precision. */
class RateLimitGateTest {
  private static RateLimit limit(Optional<Duration> window, Optional<Duration> reset, Optional<Duration> retryAfter) {
    return new RateLimit(OptionalLong.of(100), OptionalLong.of(1), window, reset, retryAfter);
  }

  @Test
  void waitsForTheResetWhenTheRegistrySaysIt() {
    assertThat(RateLimitGate.pauseFor(limit(Optional.of(Duration.ofHours(6)), Optional.of(Duration.ofSeconds(42)),
        Optional.of(Duration.ofSeconds(7))))).isEqualTo(Duration.ofSeconds(42));
  }

  @Test
  void elseForRetryAfterElseForTheWholeWindow() {
    assertThat(RateLimitGate.pauseFor(limit(Optional.of(Duration.ofHours(6)), Optional.empty(),
        Optional.of(Duration.ofSeconds(7))))).isEqualTo(Duration.ofSeconds(7));
    // Docker Hub sends only "100;w=21600": the window's length is all there is to go by
    assertThat(RateLimitGate.pauseFor(limit(Optional.of(Duration.ofSeconds(21600)), Optional.empty(),
        Optional.empty()))).isEqualTo(Duration.ofSeconds(21600));
    assertThat(RateLimitGate.pauseFor(limit(Optional.empty(), Optional.empty(), Optional.empty())))
        .isEqualTo(RateLimitGate.DEFAULT_PAUSE);
  }
}
