package dev.ferry.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.registry.RetryPolicy;
import dev.ferry.registry.RetryPolicy.Jitter;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private static RetryPolicy policy(Jitter jitter) {
    return RetryPolicy.builder().initialBackoff(Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(10))
        .jitter(jitter).build();
  }

  @Test
  void doublesFromTheInitialBackoffUpToTheMaximum() {
    RetryPolicy none = policy(Jitter.NONE);

    assertThat(Backoff.delay(none, 1, 0.3)).isEqualTo(Duration.ofMillis(200));
    assertThat(Backoff.delay(none, 2, 0.3)).isEqualTo(Duration.ofMillis(400));
    assertThat(Backoff.delay(none, 6, 0.3)).isEqualTo(Duration.ofMillis(6400));
    assertThat(Backoff.delay(none, 7, 0.3)).isEqualTo(Duration.ofSeconds(10));
    assertThat(Backoff.delay(none, 1000, 0.3)).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void fullJitterStaysBetweenZeroAndTheExponentialWait() {
    Random random = new Random(42);
    for (int retry = 1; retry <= 12; retry++) {
      Duration cap = Backoff.delay(policy(Jitter.NONE), retry, 0);
      for (int i = 0; i < 1000; i++) {
        assertThat(Backoff.delay(policy(Jitter.FULL), retry, random.nextDouble())).isBetween(Duration.ZERO, cap);
      }
    }
  }

  @Test
  void equalJitterStaysInTheUpperHalf() {
    Random random = new Random(42);
    double lowest = 1;
    double highest = 0;
    for (int retry = 1; retry <= 12; retry++) {
      Duration cap = Backoff.delay(policy(Jitter.NONE), retry, 0);
      for (int i = 0; i < 1000; i++) {
        Duration d = Backoff.delay(policy(Jitter.EQUAL), retry, random.nextDouble());
        assertThat(d).isBetween(cap.dividedBy(2), cap);
        double share = (double) d.toNanos() / cap.toNanos();
        lowest = Math.min(lowest, share);
        highest = Math.max(highest, share);
      }
    }
    // and it does spread over that half
    assertThat(lowest).isLessThan(0.51);
    assertThat(highest).isGreaterThan(0.99);
  }

  @Test
  void outOfRangeRandomValuesAreClamped() {
    assertThat(Backoff.delay(policy(Jitter.FULL), 1, 5.0)).isLessThanOrEqualTo(Duration.ofMillis(200));
    assertThat(Backoff.delay(policy(Jitter.FULL), 1, -1.0)).isEqualTo(Duration.ZERO);
    assertThat(Backoff.delay(policy(Jitter.FULL), 1, Double.NaN)).isEqualTo(Duration.ZERO);
  }

  @Test
  void zeroBackoffMeansNoWait() {
    RetryPolicy immediate = RetryPolicy.builder().initialBackoff(Duration.ZERO).maxBackoff(Duration.ZERO).build();

    assertThat(Backoff.delay(immediate, 3, 0.9)).isEqualTo(Duration.ZERO);
  }
}
