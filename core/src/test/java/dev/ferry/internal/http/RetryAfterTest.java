package dev.ferry.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

  @Test
  void readsDelaySeconds() {
    assertThat(RetryAfter.parse("2", NOW)).contains(Duration.ofSeconds(2));
    assertThat(RetryAfter.parse(" 120 ", NOW)).contains(Duration.ofSeconds(120));
    assertThat(RetryAfter.parse("0", NOW)).contains(Duration.ZERO);
  }

  @Test
  void readsHttpDates() {
    assertThat(RetryAfter.parse("Sun, 01 Mar 2026 10:01:00 GMT", NOW)).contains(Duration.ofMinutes(1));
    assertThat(RetryAfter.parse("Sun, 01 Mar 2026 09:00:00 GMT", NOW)).contains(Duration.ZERO);
  }

  @Test
  void aHugeNumberIsAVeryLongTimeNotAnError() {
    assertThat(RetryAfter.parse("99999999999999999999999999", NOW)).hasValueSatisfying(
        d -> assertThat(d).isGreaterThan(Duration.ofDays(365_000)));
  }

  @Test
  void ignoresWhatItCannotRead() {
    assertThat(RetryAfter.parse("", NOW)).isEmpty();
    assertThat(RetryAfter.parse("-1", NOW)).isEmpty();
    assertThat(RetryAfter.parse("1.5", NOW)).isEmpty();
    assertThat(RetryAfter.parse("tomorrow", NOW)).isEmpty();
    assertThat(RetryAfter.parse("2026-03-01T10:01:00Z", NOW)).isEmpty();
  }
}
