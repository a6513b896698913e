package dev.ferry.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.registry.RateLimit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RateLimitsTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

  @Test
  void readsDockerHubHeaders() {
    RateLimit limit = RateLimits.from(new FakeResponse(200)
        .header("ratelimit-limit", "100;w=21600")
        .header("ratelimit-remaining", "76;w=21600")
        .header("docker-ratelimit-source", "203.0.113.7"), CLOCK);

    assertThat(limit.limit()).hasValue(100);
    assertThat(limit.remaining()).hasValue(76);
    assertThat(limit.window()).contains(Duration.ofHours(6));
    assertThat(limit.reset()).isEmpty();
    assertThat(limit.isKnown()).isTrue();
    assertThat(limit.isExhausted()).isFalse();
  }

  @Test
  void readsTheIetfDraftFormAndRetryAfter() {
    RateLimit limit = RateLimits.from(new FakeResponse(429)
        .header("RateLimit-Limit", "100, 100;w=60, 1000;w=3600")
        .header("RateLimit-Remaining", "0")
        .header("RateLimit-Reset", "42")
        .header("Retry-After", "Sun, 01 Mar 2026 10:00:30 GMT"), CLOCK);

    assertThat(limit.limit()).hasValue(100);
    assertThat(limit.window()).contains(Duration.ofSeconds(60));
    assertThat(limit.reset()).contains(Duration.ofSeconds(42));
    assertThat(limit.retryAfter()).contains(Duration.ofSeconds(30));
    assertThat(limit.isExhausted()).isTrue();
  }

  @Test
  void leavesOutWhatItCannotRead() {
    RateLimit limit = RateLimits.from(new FakeResponse(200)
        .header("ratelimit-limit", "lots")
        .header("ratelimit-remaining", "-5")
        .header("ratelimit-reset", "99999999999999999999999")
        .header("retry-after", "soon"), CLOCK);

    assertThat(limit).isEqualTo(RateLimit.unknown());
    assertThat(limit.isKnown()).isFalse();
  }

  @Test
  void noHeadersMeansUnknown() {
    assertThat(RateLimits.from(new FakeResponse(200), CLOCK)).isEqualTo(RateLimit.unknown());
  }
}
