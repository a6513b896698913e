package dev.ferry.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RateLimitTest {
  private static final OptionalLong NO_NUMBER = OptionalLong.empty();
  private static final Optional<Duration> NO_TIME = Optional.empty();
  private static final Optional<Duration> MINUTE = Optional.of(Duration.ofMinutes(1));

  @Test
  void anySinglePartMakesTheLimitKnown() {
    List<RateLimit> single = List.of(
        new RateLimit(OptionalLong.of(100), NO_NUMBER, NO_TIME, NO_TIME, NO_TIME),
        new RateLimit(NO_NUMBER, OptionalLong.of(0), NO_TIME, NO_TIME, NO_TIME),
        new RateLimit(NO_NUMBER, NO_NUMBER, MINUTE, NO_TIME, NO_TIME),
        new RateLimit(NO_NUMBER, NO_NUMBER, NO_TIME, MINUTE, NO_TIME),
        new RateLimit(NO_NUMBER, NO_NUMBER, NO_TIME, NO_TIME, MINUTE));
    assertThat(single).allSatisfy(limit -> assertThat(limit.isKnown()).as(limit.toString()).isTrue());
  }

  @Test
  void aLimitWithNoPartIsUnknownWhetherBuiltOrTheConstant() {
    assertThat(new RateLimit(NO_NUMBER, NO_NUMBER, NO_TIME, NO_TIME, NO_TIME).isKnown()).isFalse();
    assertThat(RateLimit.unknown().isKnown()).isFalse();
  }
}
