package dev.ferry.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlatformMatcherStrictTest {
  private static final Platform HOST = Platform.of("linux", "amd64");

  /** Platform | equivalent spellings it matches | platforms it does not match (containerd's TestOnlyStrict). */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      linux/amd64               | linux/amd64 linux/x86_64 linux/amd64/v1 \
                                | linux/386 linux/amd64/v2 linux/arm/v7 linux/arm64 windows/amd64 windows/arm
      linux/amd64/v3            | linux/amd64/v3 linux/x86-64/v3 \
                                | linux/amd64 linux/amd64/v2 linux/386
      linux/386                 | linux/386 linux/i386 \
                                | linux/amd64 linux/arm/v7 linux/arm64 windows/amd64 windows/arm
      windows/amd64             | windows/amd64 windows(10.0.17763)/amd64 \
                                | linux/amd64 linux/arm/v7 linux/arm64 windows/arm windows/386
      windows(10.0.17763)/amd64 | windows/amd64 windows(10.0.17763)/amd64 windows(10.0.17763.42)/amd64 \
                                | windows(10.0.20348)/amd64 linux/amd64 linux/arm/v7 linux/arm64 windows/arm
      linux/arm/v8              | linux/arm/v8 linux/arm/8 \
                                | linux/arm linux/arm/v5 linux/arm/v6 linux/arm/v7 linux/amd64 linux/arm/v4 linux/arm64
      linux/arm/v7              | linux/arm linux/arm/v7 linux/arm/7 linux/armhf \
                                | linux/arm/v5 linux/arm/v6 linux/armel linux/amd64 linux/arm/v4 linux/arm/v8 linux/arm64
      linux/arm/v6              | linux/arm/v6 linux/armel \
                                | linux/arm/v5 linux/amd64 linux/arm linux/arm/v4 linux/arm/v7 linux/arm/v8 linux/arm64
      linux/arm/v5              | linux/arm/v5 \
                                | linux/amd64 linux/arm linux/arm/v4 linux/arm/v6 linux/arm/v7 linux/arm/v8 linux/arm64
      linux/arm64               | linux/arm64 linux/arm64/v8 linux/aarch64 linux/arm64/v8.0 \
                                | linux/arm linux/arm/v5 linux/arm/v7 linux/arm/v8 linux/amd64 linux/arm/v9 linux/arm64/v7 linux/arm64/v9
      linux/arm64/v9            | linux/arm64/v9 linux/arm64/9 linux/arm64/v9.0 \
                                | linux/arm linux/arm/v7 linux/arm/v8 linux/arm/v9 linux/arm64/v7 linux/arm64 linux/arm64/v8 linux/arm64/v10 windows/arm64
      """)
  void matchesOnlyThePlatformInAnySpelling(String platform, String matches, String rejects) {
    PlatformMatcher matcher = PlatformMatcher.strict(Platform.parse(platform, HOST));

    for (String candidate : matches.trim().split("\\s+")) {
      assertThat(matcher.matches(Platform.parse(candidate, HOST))).as(candidate).isTrue();
    }
    for (String candidate : rejects.trim().split("\\s+")) {
      assertThat(matcher.matches(Platform.parse(candidate, HOST))).as(candidate).isFalse();
    }
  }

  @Test
  void treatsArmAsArmV7() {
    PlatformMatcher matcher = PlatformMatcher.strict(Platform.parse("linux/arm/v7", HOST));

    assertThat(matcher.matches(Platform.parse("linux/arm", HOST))).isTrue();
    assertThat(matcher.matches(Platform.of("linux", "arm"))).isTrue();
    assertThat(PlatformMatcher.strict(Platform.of("linux", "arm")).matches(
        Platform.of("linux", "arm", "v7"))).isTrue();
  }

  @Test
  void ordersTheMatchBeforeEverythingElse() {
    PlatformMatcher matcher = PlatformMatcher.strict(Platform.parse("linux/arm64", HOST));
    Platform arm64 = Platform.of("linux", "aarch64");
    Platform arm = Platform.of("linux", "arm", "v7");

    assertThat(matcher.compare(arm64, arm)).isNegative();
    assertThat(matcher.compare(arm, arm64)).isPositive();
    assertThat(matcher.compare(arm, Platform.of("linux", "amd64"))).isZero();
  }

  @Test
  void describesItself() {
    assertThat(PlatformMatcher.strict(Platform.of("linux", "armhf")))
        .hasToString("exactly linux/arm/v7");
    assertThat(PlatformMatcher.strict(Platform.parse("windows(10.0.20348)/amd64", HOST)))
        .hasToString("exactly windows(10.0.20348)/amd64");
  }

  @Test
  void rejectsNull() {
    assertThatNullPointerException().isThrownBy(() -> PlatformMatcher.strict(null))
        .withMessage("platform");
  }
}
