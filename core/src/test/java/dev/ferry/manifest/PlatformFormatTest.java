package dev.ferry.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PlatformFormatTest {
  private static final Platform HOST = Platform.of("linux", "amd64");

  static Stream<Arguments> platforms() {
    return Stream.of(
        Arguments.of(Platform.of("linux", "amd64"), "linux/amd64"),
        Arguments.of(Platform.of("linux", "arm", "v7"), "linux/arm/v7"),
        Arguments.of(Platform.of("Linux", "x86_64"), "Linux/x86_64"),
        Arguments.of(win("10.0.17763.1234"), "windows(10.0.17763.1234)/amd64"),
        Arguments.of(win("10.0.17763+build.42"), "windows(10.0.17763%2Bbuild.42)/amd64"),
        Arguments.of(win("10.0.17763+build.42", "win32k"),
            "windows(10.0.17763%2Bbuild.42+win32k)/amd64"),
        Arguments.of(win("50%done"), "windows(50%25done)/amd64"),
        Arguments.of(win("1.0(beta)"), "windows(1.0%28beta%29)/amd64"),
        Arguments.of(win("a/b"), "windows(a%2Fb)/amd64"),
        Arguments.of(win("10 0 é"), "windows(10%200%20%C3%A9)/amd64"),
        Arguments.of(win("10.0+build", "feat+1"), "windows(10.0%2Bbuild+feat%2B1)/amd64"),
        Arguments.of(linuxWith("feat+v2"), "linux(+feat%2Bv2)/amd64"),
        Arguments.of(linuxWith("100%gpu"), "linux(+100%25gpu)/amd64"),
        Arguments.of(linuxWith("simd", "gpu", "gpu"), "linux(+gpu+simd)/amd64"),
        Arguments.of(linuxWith("", "gpu", "", "simd"), "linux(+gpu+simd)/amd64"),
        Arguments.of(linuxWith(""), "linux/amd64"),
        Arguments.of(Platform.of("", "amd64"), "unknown/amd64"),
        Arguments.of(Platform.of("", ""), "unknown"),
        Arguments.of(Platform.of("linux", ""), "linux"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("platforms")
  void formatsAsASpecifier(Platform platform, String expected) {
    assertThat(platform).hasToString(expected);
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("platforms")
  void formattedPlatformsParseBackToTheirNormalForm(Platform platform, String formatted) {
    if (platform.os().isEmpty() || platform.architecture().isEmpty()
        || platform.osFeatures().contains("")) {
      return; // not representable as a specifier
    }

    Platform reparsed = Platform.parse(formatted, HOST);

    assertThat(reparsed).isEqualTo(platform.normalize());
    assertThat(reparsed.toString()).isEqualTo(platform.normalize().toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"linux/arm", "linux/arm64/v8", "Linux/X86_64/v1", "armhf", "macos",
      "windows(10.0.17763.1234)/amd64", "windows(10.0.17763%2Bx+win32k)/arm64/v8.2",
      "linux(+b+a+b)/riscv64", "freebsd/arm/6", "aix/ppc64"})
  void parsedPlatformsSurviveTheRoundTrip(String specifier) {
    Platform parsed = Platform.parse(specifier, HOST);

    assertThat(Platform.parse(parsed.toString(), HOST)).isEqualTo(parsed);
  }

  private static Platform win(String version, String... features) {
    return Platform.of("windows", "amd64", null, version, List.of(features));
  }

  private static Platform linuxWith(String... features) {
    return Platform.of("linux", "amd64", null, null, List.of(features));
  }
}
