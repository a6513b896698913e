package dev.ferry.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PlatformMatcherAnyTest {
  private static final Platform HOST = Platform.of("linux", "amd64");

  @Test
  void anyMatchesEverythingAndKeepsTheOrder() {
    List<Platform> platforms = parseAll("linux/arm/v5 windows/amd64 linux/amd64 darwin/arm64");
    platforms.add(Platform.of("", ""));
    List<Platform> original = List.copyOf(platforms);

    platforms.sort(PlatformMatcher.any());

    assertThat(platforms).containsExactlyElementsOf(original);
    assertThat(original).allMatch(PlatformMatcher.any()::matches);
    assertThat(PlatformMatcher.any()).hasToString("any platform");
  }

  @Test
  void anyOfMatchesWhatAnyListedPlatformCanRun() {
    PlatformMatcher matcher = PlatformMatcher.anyOf(parse("linux/amd64"), parse("linux/arm64"));

    assertThat(parseAll("linux/amd64 linux/386 linux/arm64 linux/arm/v7 linux/arm/v5"))
        .allMatch(matcher::matches);
    assertThat(parseAll("linux/amd64/v2 linux/riscv64 windows/amd64 linux/arm/v4"))
        .noneMatch(matcher::matches);
  }

  @Test
  void anyOfRanksByTheFirstListedPlatformThatMatches() {
    PlatformMatcher matcher = PlatformMatcher.anyOf(parse("linux/amd64"), parse("linux/arm64"));
    List<Platform> platforms = parseAll(
        "linux/arm/v7 linux/riscv64 linux/386 linux/arm64 linux/arm/v8 linux/amd64");

    platforms.sort(matcher);

    assertThat(platforms).containsExactlyElementsOf(parseAll(
        "linux/amd64 linux/386 linux/arm64 linux/arm/v8 linux/arm/v7 linux/riscv64"));
  }

  @Test
  void anyOfUsesTheEarlierPlatformsOrderForSharedMatches() {
    PlatformMatcher matcher = PlatformMatcher.anyOf(List.of(parse("linux/arm/v6"),
        parse("linux/arm64")));
    List<Platform> platforms = parseAll("linux/arm/v7 linux/arm/v5 linux/arm64 linux/arm/v6 "
        + "linux/arm/v8");

    platforms.sort(matcher);

    assertThat(platforms).containsExactlyElementsOf(parseAll(
        "linux/arm/v6 linux/arm/v5 linux/arm64 linux/arm/v8 linux/arm/v7"));
  }

  @Test
  void anyOfNothingMatchesNothing() {
    PlatformMatcher matcher = PlatformMatcher.anyOf(List.of());

    assertThat(matcher.matches(HOST)).isFalse();
    assertThat(matcher).hasToString("compatible with any of []");
  }

  @Test
  void anyOfDescribesItsPlatforms() {
    assertThat(PlatformMatcher.anyOf(Platform.of("linux", "x86_64"), Platform.of("linux", "arm")))
        .hasToString("compatible with any of [linux/amd64, linux/arm/v7]");
  }

  @Test
  void anyOfRejectsNulls() {
    assertThatNullPointerException()
        .isThrownBy(() -> PlatformMatcher.anyOf((List<Platform>) null));
    assertThatNullPointerException()
        .isThrownBy(() -> PlatformMatcher.anyOf((Platform[]) null));
    assertThatNullPointerException()
        .isThrownBy(() -> PlatformMatcher.anyOf(Arrays.asList(HOST, null)));
    assertThatNullPointerException().isThrownBy(() -> PlatformMatcher.any().matches(null));
  }

  private static Platform parse(String specifier) {
    return Platform.parse(specifier, HOST);
  }

  private static List<Platform> parseAll(String specifiers) {
    return Stream.of(specifiers.trim().split("\\s+")).map(PlatformMatcherAnyTest::parse)
        .collect(Collectors.toCollection(ArrayList::new));
  }
}
