package dev.ferry.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlatformMatcherOrderingTest {
  private static final Platform HOST = Platform.of("linux", "amd64");

  /** Host | a shuffled list | the list sorted: matches best first, then non-matches in input order. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      linux/arm64     | linux/arm/v5 linux/amd64 linux/arm64 windows/arm64 linux/arm/v7 linux/arm/v8 linux/arm/v6 linux/386 \
                      | linux/arm64 linux/arm/v8 linux/arm/v7 linux/arm/v6 linux/arm/v5 linux/amd64 windows/arm64 linux/386
      linux/arm/v7    | linux/arm/v5 linux/arm64 linux/arm linux/arm/v6 linux/arm/v8 \
                      | linux/arm linux/arm/v6 linux/arm/v5 linux/arm64 linux/arm/v8
      linux/amd64     | linux/arm64 linux/386 linux/amd64/v2 linux/amd64 \
                      | linux/amd64 linux/386 linux/arm64 linux/amd64/v2
      linux/amd64/v3  | linux/386 linux/amd64/v2 linux/arm64 linux/amd64 linux/amd64/v3 linux/amd64/v4 \
                      | linux/amd64/v3 linux/amd64/v2 linux/amd64 linux/386 linux/arm64 linux/amd64/v4
      linux/arm64/v9.1| linux/arm/v5 linux/arm64/v8.2 linux/arm64 linux/arm64/v9 linux/arm64/v8.6 linux/arm64/v9.1 linux/arm/v8 \
                      | linux/arm64/v9.1 linux/arm64/v9 linux/arm64/v8.6 linux/arm64/v8.2 linux/arm64 linux/arm/v8 linux/arm/v5
      """)
  void sortsTheBestCandidateFirst(String host, String shuffled, String expected) {
    PlatformMatcher matcher = PlatformMatcher.compatible(Platform.parse(host, HOST));
    List<Platform> platforms = parseAll(shuffled);

    platforms.sort(matcher);

    assertThat(platforms).containsExactlyElementsOf(parseAll(expected));
  }

  @Test
  void putsTheExactPlatformFirstWhateverTheInputOrder() {
    PlatformMatcher matcher = PlatformMatcher.compatible(Platform.parse("linux/arm/v7", HOST));
    List<Platform> platforms = parseAll(
        "linux/arm/v5 linux/arm/v6 linux/arm/v7 linux/arm64 linux/amd64 windows/arm");
    Random random = new Random(42);

    for (int i = 0; i < 50; i++) {
      Collections.shuffle(platforms, random);
      platforms.sort(matcher);

      assertThat(platforms.subList(0, 3)).containsExactlyElementsOf(
          parseAll("linux/arm/v7 linux/arm/v6 linux/arm/v5"));
      assertThat(platforms.subList(3, 6)).containsExactlyInAnyOrderElementsOf(
          parseAll("linux/arm64 linux/amd64 windows/arm"));
    }
  }

  @Test
  void keepsTheInputOrderOfEquallyGoodCandidates() {
    PlatformMatcher matcher = PlatformMatcher.compatible(Platform.parse("linux/arm/v7", HOST));
    Platform armV7 = Platform.of("linux", "arm", "v7");
    Platform arm = Platform.of("linux", "arm");
    Platform armhf = Platform.of("linux", "armhf");
    List<Platform> platforms = new ArrayList<>(List.of(armhf, Platform.of("linux", "arm", "v6"),
        arm, armV7));

    platforms.sort(matcher);

    assertThat(platforms).containsExactly(armhf, arm, armV7, Platform.of("linux", "arm", "v6"));
    assertThat(matcher.compare(arm, armV7)).isZero();
  }

  @Test
  void compareIsNegativeWhenTheFirstIsBetter() {
    PlatformMatcher matcher = PlatformMatcher.compatible(Platform.parse("linux/arm/v7", HOST));
    Platform v7 = Platform.of("linux", "arm", "v7");
    Platform v6 = Platform.of("linux", "arm", "v6");
    Platform arm64 = Platform.of("linux", "arm64");

    assertThat(matcher.compare(v7, v6)).isNegative();
    assertThat(matcher.compare(v6, v7)).isPositive();
    assertThat(matcher.compare(v6, arm64)).isNegative();
    assertThat(matcher.compare(arm64, v6)).isPositive();
    assertThat(matcher.compare(v6, v6)).isZero();
    assertThat(matcher.compare(arm64, Platform.of("linux", "amd64"))).isZero();
  }

  @Test
  void prefersMoreOsFeaturesAmongEqualMatches() {
    PlatformMatcher matcher = PlatformMatcher.compatible(
        Platform.parse("linux(+gpu+simd)/amd64", HOST));

    List<Platform> platforms = parseAll("linux/386 linux(+tpu)/386 linux(+tpu)/amd64 linux/amd64 "
        + "linux(+gpu)/amd64 linux(+gpu+simd)/386 linux(+gpu+simd)/amd64");
    platforms.sort(matcher);

    assertThat(platforms).containsExactlyElementsOf(parseAll("linux(+gpu+simd)/amd64 "
        + "linux(+gpu)/amd64 linux/amd64 linux(+gpu+simd)/386 linux/386 "
        + "linux(+tpu)/amd64 linux(+tpu)/386"));
  }

  private static List<Platform> parseAll(String specifiers) {
    return Stream.of(specifiers.trim().split("\\s+")).map(s -> Platform.parse(s, HOST))
        .collect(Collectors.toCollection(ArrayList::new));
  }
}
