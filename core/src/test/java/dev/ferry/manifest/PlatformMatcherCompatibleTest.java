package dev.ferry.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlatformMatcherCompatibleTest {
  private static final Platform HOST = Platform.of("linux", "amd64");

  /** Host | candidates it runs | candidates it does not run (containerd's TestOnly and more). */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      linux/amd64     | linux/amd64 linux/386 linux/x86_64 linux/i386 linux/amd64/v1 \
                      | linux/amd64/v2 linux/arm/v7 linux/arm64 windows/amd64 windows/arm darwin/amd64
      linux/amd64/v2  | linux/amd64 linux/amd64/v1 linux/amd64/v2 linux/386 \
                      | linux/amd64/v3 linux/amd64/v4 linux/arm/v7 linux/arm64 windows/amd64
      linux/amd64/v4  | linux/amd64/v4 linux/amd64/v3 linux/amd64/v2 linux/amd64 linux/386 \
                      | linux/amd64/v5 linux/arm64
      linux/386       | linux/386 linux/i386 \
                      | linux/amd64 linux/arm/v7 linux/arm64 windows/amd64 windows/arm
      windows/amd64   | windows/amd64 windows(10.0.17763)/amd64 windows/386 \
                      | linux/amd64 linux/arm/v7 linux/arm64 windows/arm
      linux/arm/v8    | linux/arm linux/arm/v5 linux/arm/v6 linux/arm/v7 linux/arm/v8 \
                      | linux/amd64 linux/arm/v4 linux/arm64 windows/amd64 windows/arm
      linux/arm/v7    | linux/arm linux/arm/v5 linux/arm/v6 linux/arm/v7 linux/armhf linux/armel \
                      | linux/amd64 linux/arm/v4 linux/arm/v8 linux/arm64 windows/amd64 windows/arm
      linux/arm       | linux/arm/v7 linux/arm/v6 linux/arm/v5 \
                      | linux/arm/v8 linux/arm64
      linux/arm/v6    | linux/arm/v5 linux/arm/v6 linux/armel \
                      | linux/amd64 linux/arm linux/arm/v4 linux/arm/v7 linux/arm/v8 linux/arm64
      linux/arm/v5    | linux/arm/v5 \
                      | linux/amd64 linux/arm linux/arm/v4 linux/arm/v6 linux/arm/v7 linux/arm64
      linux/arm/v4    | linux/arm/v4 \
                      | linux/amd64 linux/arm linux/arm/v5 linux/arm/v6 linux/arm/v7 linux/arm64
      linux/arm64     | linux/arm linux/arm/v5 linux/arm/v6 linux/arm/v7 linux/arm/v8 linux/arm64 linux/arm64/v8 linux/aarch64 \
                      | linux/amd64 linux/arm/v4 linux/arm/v9 linux/arm64/v7 linux/arm64/v9 linux/arm64/v8.1 windows/arm64
      linux/arm64/v9  | linux/arm linux/arm/v5 linux/arm/v8 linux/arm/v9 linux/arm64 linux/arm64/v8 linux/arm64/v8.5 linux/arm64/v9 \
                      | linux/amd64 linux/arm/v4 linux/arm64/v7 linux/arm64/v8.6 linux/arm64/v9.1 linux/arm64/v10 windows/arm64 windows/arm
      linux/arm64/v8.2| linux/arm64/v8.2 linux/arm64/v8.1 linux/arm64 linux/arm/v8 linux/arm/v5 \
                      | linux/arm64/v8.3 linux/arm64/v9 linux/arm/v9
      linux/arm64/v9.2| linux/arm64/v9.2 linux/arm64/v9.1 linux/arm64/v9 linux/arm64/v8.7 linux/arm64/v8.1 linux/arm64 linux/arm/v8 \
                      | linux/arm64/v9.3 linux/arm64/v8.8 linux/arm/v9
      linux/arm64/v9.5| linux/arm64/v8.9 linux/arm64/v9.4 \
                      | linux/arm64/v8.10 linux/arm64/v9.6
      linux/riscv64   | linux/riscv64 \
                      | linux/riscv linux/amd64 freebsd/riscv64
      """)
  void matchesTheHostAndWhatItCanRun(String host, String runs, String doesNotRun) {
    PlatformMatcher matcher = PlatformMatcher.compatible(Platform.parse(host, HOST));

    for (String candidate : runs.trim().split("\\s+")) {
      assertThat(matcher.matches(Platform.parse(candidate, HOST))).as(candidate).isTrue();
    }
    for (String candidate : doesNotRun.trim().split("\\s+")) {
      assertThat(matcher.matches(Platform.parse(candidate, HOST))).as(candidate).isFalse();
    }
  }

  @Test
  void matchesCandidatesAsWrittenInManifests() {
    PlatformMatcher matcher = PlatformMatcher.compatible(Platform.of("linux", "arm", "v7"));

    assertThat(matcher.matches(Platform.of("Linux", "ARM"))).isTrue();
    assertThat(matcher.matches(Platform.of("linux", "arm", "7"))).isTrue();
    assertThat(matcher.matches(Platform.of("linux", "armhf", "whatever"))).isTrue();
    assertThat(matcher.matches(Platform.of("linux", "arm", "6"))).isTrue();
    assertThat(matcher.matches(Platform.of("linux", "arm", "v8"))).isFalse();
  }

  @Test
  void oddPlatformsFromManifestsDoNotMatchAndDoNotThrow() {
    PlatformMatcher matcher = PlatformMatcher.compatible(HOST);
    List<Platform> odd = Arrays.asList(Platform.of("", ""), Platform.of("", "amd64"),
        Platform.of("linux", ""), Platform.of("linux", "amd64", "v999999999999999999999"),
        Platform.of("linux", "amd64", "é"), Platform.of("linux", "amd64", null, "x.y.z", List.of("")));

    for (Platform p : odd) {
      assertThat(matcher.matches(p)).as(p.toString()).isFalse();
    }
    odd.sort(matcher); // must not throw either
    assertThat(PlatformMatcher.compatible(Platform.of("", "")).matches(Platform.of("", "")))
        .isFalse();
  }

  @Test
  void candidateFeaturesMustBeAmongTheHostFeatures() {
    PlatformMatcher plain = PlatformMatcher.compatible(HOST);
    PlatformMatcher gpu = PlatformMatcher.compatible(Platform.parse("linux(+gpu+simd)/amd64", HOST));

    assertThat(plain.matches(Platform.parse("linux(+gpu)/amd64", HOST))).isFalse();
    assertThat(gpu.matches(Platform.parse("linux(+gpu)/amd64", HOST))).isTrue();
    assertThat(gpu.matches(Platform.parse("linux(+simd+gpu)/386", HOST))).isTrue();
    assertThat(gpu.matches(Platform.parse("linux/amd64", HOST))).isTrue();
    assertThat(gpu.matches(Platform.parse("linux(+gpu+tpu)/amd64", HOST))).isFalse();
    assertThat(plain.matches(Platform.parse("linux(+win32k)/amd64", HOST)))
        .as("win32k is ignored for Windows only").isFalse();
  }

  @Test
  void hugeVariantNumbersMatchOnlyThemselves() {
    PlatformMatcher matcher = PlatformMatcher.compatible(Platform.of("linux", "arm", "v2000000000"));

    assertThat(matcher.matches(Platform.of("linux", "arm", "v2000000000"))).isTrue();
    assertThat(matcher.matches(Platform.of("linux", "arm", "v7"))).isFalse();
  }

  @Test
  void describesItself() {
    assertThat(PlatformMatcher.compatible(Platform.parse("linux/arm/v7", HOST)))
        .hasToString("compatible with linux/arm/v7");
    assertThat(PlatformMatcher.compatible(Platform.of("Linux", "armhf")))
        .hasToString("compatible with linux/arm/v7");
  }

  @Test
  void rejectsNull() {
    assertThatNullPointerException().isThrownBy(() -> PlatformMatcher.compatible(null))
        .withMessage("host");
    assertThatNullPointerException()
        .isThrownBy(() -> PlatformMatcher.compatible(HOST).matches(null))
        .withMessage("platform");
  }
}
