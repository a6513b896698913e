package dev.ferry.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlatformMatcherWindowsTest {
  private static final Platform HOST = Platform.of("linux", "amd64");

  private static Platform win(String osVersion) {
    return Platform.of("windows", "amd64", null, osVersion, List.of());
  }

  @ParameterizedTest(name = "host {0} runs {1}: {2}")
  @CsvSource(textBlock = """
      17763, 17763, true
      17763, 17762, false
      17763, 17764, false
      17763, 20348, false
      20348, 17763, false
      20348, 20348, true
      20348, 22621, false
      20348, 26100, false
      22621, 17763, false
      22621, 20348, true
      22621, 22621, true
      25398, 17763, false
      25398, 20348, true
      26100, 20348, true
      26100, 22621, true
      26100, 26100, true
      26200, 20348, false
      26200, 26100, true
      26200, 26200, true
      26200, 26300, false
      """)
  void matchesTheBuildsContainerdSaysTheHostCanRun(int hostBuild, int imageBuild, boolean runs) {
    PlatformMatcher matcher = PlatformMatcher.compatible(win("10.0." + hostBuild + ".1000"));

    assertThat(matcher.matches(win("10.0." + imageBuild + ".500"))).isEqualTo(runs);
    assertThat(matcher.matches(win("10.0." + imageBuild))).isEqualTo(runs);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', textBlock = """
      10.0.17763.1       | true
      10.0.17763.2       | true
      10.0.17763         | true
      ''                 | true
      10.0.17762.1       | false
      10.0.17764.1       | false
      6.3.17763.1        | false
      10.1.17763.1       | false
      10.0               | false
      garbage            | false
      10.0.x.1           | false
      10.0.99999.1       | false
      256.0.17763.1      | false
      """)
  void needsTheSameMajorMinorAndBuildBeforeWindowsServer2022(String imageVersion,
      boolean runs) {
    PlatformMatcher matcher = PlatformMatcher.compatible(win("10.0.17763"));

    assertThat(matcher.matches(win(imageVersion))).isEqualTo(runs);
  }

  @Test
  void imagesWithoutAnOsVersionRunOnEveryBuild() {
    assertThat(PlatformMatcher.compatible(win("10.0.26100.1")).matches(win(""))).isTrue();
    assertThat(PlatformMatcher.strict(win("10.0.17763")).matches(win(""))).isTrue();
  }

  @Test
  void hostsWithoutAReadableOsVersionRunEveryBuild() {
    for (String host : List.of("", "10", "10.0", "x.y.z", "99999.0.1")) {
      PlatformMatcher matcher = PlatformMatcher.compatible(win(host));

      assertThat(matcher.matches(win("10.0.17763.1"))).as(host).isTrue();
      assertThat(matcher.matches(win("10.0.26100.1"))).as(host).isTrue();
    }
  }

  @Test
  void stillMatchesOsArchitectureAndVariant() {
    PlatformMatcher matcher = PlatformMatcher.compatible(win("10.0.17763"));

    assertThat(matcher.matches(Platform.of("linux", "amd64", null, "10.0.17763", List.of())))
        .isFalse();
    assertThat(matcher.matches(Platform.of("windows", "arm64", null, "10.0.17763", List.of())))
        .isFalse();
    assertThat(matcher.matches(Platform.of("Windows", "386", null, "10.0.17763.5", List.of())))
        .isTrue();
    assertThat(matcher.matches(Platform.of("windows", "386", null, "10.0.20348.5", List.of())))
        .isFalse();
  }

  @Test
  void ranksTheHigherRevisionFirstAmongMatches() {
    PlatformMatcher matcher = PlatformMatcher.compatible(win("10.0.17763"));
    List<Platform> platforms = new ArrayList<>(List.of(win("10.0.17764.1"), win(""),
        win("10.0.17763.1"), win("10.0.17763.2"), win("10.0.17762.1")));

    platforms.sort(matcher);

    assertThat(platforms).containsExactly(win("10.0.17763.2"), win("10.0.17763.1"), win(""),
        win("10.0.17764.1"), win("10.0.17762.1"));
  }

  @Test
  void ranksTheVectorBeforeTheRevision() {
    PlatformMatcher matcher = PlatformMatcher.compatible(win("10.0.20348.100"));
    Platform i386 = Platform.of("windows", "386", null, "10.0.20348.9999", List.of());
    List<Platform> platforms = new ArrayList<>(List.of(i386, win("10.0.20348.1"),
        win("10.0.20348.2"), win("10.0.20348.2.7")));

    platforms.sort(matcher);

    assertThat(platforms).containsExactly(win("10.0.20348.2"), win("10.0.20348.2.7"),
        win("10.0.20348.1"), i386);
  }

  @Test
  void ranksByRevisionAloneAcrossStableAbiBuilds() {
    // containerd compares the fourth number only, even when the builds differ.
    PlatformMatcher matcher = PlatformMatcher.compatible(win("10.0.26100.1000"));
    List<Platform> platforms = new ArrayList<>(List.of(win("10.0.26100.100"),
        win("10.0.20348.3000")));

    platforms.sort(matcher);

    assertThat(platforms).containsExactly(win("10.0.20348.3000"), win("10.0.26100.100"));
  }

  @Test
  void ignoresTheWin32kFeatureOfWindowsImages() {
    PlatformMatcher matcher = PlatformMatcher.compatible(win("10.0.20348"));

    assertThat(matcher.matches(parse("windows(10.0.20348.1+win32k)/amd64"))).isTrue();
    assertThat(matcher.matches(parse("windows(+win32k)/amd64"))).isTrue();
    assertThat(matcher.matches(parse("windows(10.0.20348.1+win32k+other)/amd64"))).isFalse();
    assertThat(PlatformMatcher.compatible(parse("windows(10.0.20348+other)/amd64"))
        .matches(parse("windows(10.0.20348.1+win32k+other)/amd64"))).isTrue();
  }

  @Test
  void parsesVersionsAsContainerdDoes() {
    assertThat(PlatformWindowsVersion.parse("10.0.17763.1234"))
        .isEqualTo(new PlatformWindowsVersion(10, 0, 17763));
    assertThat(PlatformWindowsVersion.parse("10.0.17763"))
        .isEqualTo(new PlatformWindowsVersion(10, 0, 17763));
    assertThat(PlatformWindowsVersion.parse("255.255.65535"))
        .isEqualTo(new PlatformWindowsVersion(255, 255, 65535));
    Stream.of("", "10.0", "10.0.65536", "256.0.1", "-1.0.1", "+1.0.1", "a.b.c", "10..17763")
        .forEach(v -> assertThat(PlatformWindowsVersion.parse(v)).as(v)
            .isEqualTo(PlatformWindowsVersion.NONE));
    assertThat(PlatformWindowsVersion.revision("10.0.17763.1234")).isEqualTo(1234);
    assertThat(PlatformWindowsVersion.revision("10.0.17763.+12")).isEqualTo(12);
    Stream.of("10.0.17763", "10.0.17763.x", "10.0.17763.", "")
        .forEach(v -> assertThat(PlatformWindowsVersion.revision(v)).as(v).isZero());
  }

  @Test
  void describesTheHostVersion() {
    assertThat(PlatformMatcher.compatible(win("10.0.20348.1")))
        .hasToString("compatible with windows(10.0.20348.1)/amd64");
  }

  private static Platform parse(String specifier) {
    return Platform.parse(specifier, HOST);
  }
}
