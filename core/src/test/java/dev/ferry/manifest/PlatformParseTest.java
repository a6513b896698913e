package dev.ferry.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlatformParseTest {
  private static final Platform LINUX_AMD64 = Platform.of("linux", "amd64");

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      linux/amd64                   | linux/amd64
      Linux/x86_64                  | linux/amd64
      linux/x86-64                  | linux/amd64
      linux/amd64/v1                | linux/amd64
      linux/amd64/v3                | linux/amd64/v3
      linux/AMD64/V4                | linux/amd64/v4
      linux/i386                    | linux/386
      linux/386                     | linux/386
      linux/arm64                   | linux/arm64
      linux/arm64/v8                | linux/arm64/v8
      linux/aarch64                 | linux/arm64
      linux/aarch64/8               | linux/arm64/v8
      linux/arm64/v8.0              | linux/arm64/v8
      linux/arm64/v8.2              | linux/arm64/v8.2
      linux/arm64/9                 | linux/arm64/v9
      linux/arm64/v9.0              | linux/arm64/v9
      linux/arm                     | linux/arm
      linux/arm/7                   | linux/arm/v7
      linux/arm/v7                  | linux/arm/v7
      linux/arm/v6                  | linux/arm/v6
      linux/arm/5                   | linux/arm/v5
      linux/arm/v8                  | linux/arm/v8
      linux/armhf                   | linux/arm
      linux/armel                   | linux/arm/v6
      linux/s390x                   | linux/s390x
      linux/ppc64le                 | linux/ppc64le
      linux/riscv64                 | linux/riscv64
      linux/loong64                 | linux/loong64
      freebsd/amd64                 | freebsd/amd64
      macos/arm64                   | darwin/arm64
      MacOS/arm64                   | darwin/arm64
      WINDOWS/amd64                 | windows/amd64
      foo/bar                       | foo/bar
      my_os-1/arch_2.x/v1.2-b       | my_os-1/arch_2.x/v1.2-b
      linux                         | linux/amd64
      macOS                         | darwin/amd64
      windows                       | windows/amd64
      windows()                     | windows/amd64
      arm                           | linux/arm
      armel                         | linux/arm/v6
      armhf                         | linux/arm
      Aarch64                       | linux/arm64
      x86_64                        | linux/amd64
      i386                          | linux/386
      s390x                         | linux/s390x
      windows(10.0.17763)/amd64     | windows(10.0.17763)/amd64
      windows(10.0.17763.1234)/amd64| windows(10.0.17763.1234)/amd64
      windows(10.0.17763)           | windows(10.0.17763)/amd64
      linux(+gpu)                   | linux(+gpu)/amd64
      linux(+unsorted+erofs)/arm64  | linux(+erofs+unsorted)/arm64
      windows(10.0.17763+win32k)/amd64 | windows(10.0.17763+win32k)/amd64
      """)
  void parsesAndNormalisesSpecifiers(String specifier, String expected) {
    Platform parsed = Platform.parse(specifier, LINUX_AMD64);

    assertThat(parsed).hasToString(expected);
    assertThat(Platform.parse(parsed.toString(), LINUX_AMD64)).as("formats to what parses back").isEqualTo(parsed);
  }

  @Test
  void keepsTheDefaultVariantInTheFormWrittenAsContainerdDoesWhileMatchingNormalises() {
    Platform arm64v8 = Platform.parse("linux/arm64/v8", LINUX_AMD64);
    Platform arm = Platform.parse("linux/arm", LINUX_AMD64);

    assertThat(arm64v8).hasToString("linux/arm64/v8");
    assertThat(arm).hasToString("linux/arm");
    assertThat(arm64v8.normalize()).isEqualTo(Platform.parse("linux/arm64", LINUX_AMD64));
    assertThat(arm.normalize()).isEqualTo(Platform.parse("linux/arm/v7", LINUX_AMD64));
    assertThat(PlatformMatcher.strict(arm64v8).matches(Platform.of("linux", "arm64"))).isTrue();
    assertThat(PlatformMatcher.strict(Platform.parse("linux/arm/v7", LINUX_AMD64)).matches(arm)).isTrue();
  }

  @Test
  void setsOsVersionAndFeaturesFromTheOsOptions() {
    Platform p = Platform.parse("windows(10.0.17763.1234+win32k+b)/amd64", LINUX_AMD64);

    assertThat(p.os()).isEqualTo("windows");
    assertThat(p.architecture()).isEqualTo("amd64");
    assertThat(p.variant()).isEmpty();
    assertThat(p.osVersion()).contains("10.0.17763.1234");
    assertThat(p.osFeatures()).containsExactly("b", "win32k");
  }

  @ParameterizedTest(name = "{0} -> version {1}")
  @CsvSource(delimiter = '|', textBlock = """
      windows(10.0.17763%2Bbuild.42)/amd64       | 10.0.17763+build.42
      windows(10.0.17763%2bbuild.42+win32k)/amd64 | 10.0.17763+build.42
      windows(50%25done)/amd64                   | 50%done
      windows(1.0%28beta%29)/amd64               | 1.0(beta)
      windows(a%2Fb)/amd64                       | a/b
      """)
  void decodesPercentEscapesInTheOsVersion(String specifier, String version) {
    assertThat(Platform.parse(specifier, LINUX_AMD64).osVersion()).contains(version);
  }

  @Test
  void decodesPercentEscapesInOsFeatures() {
    Platform p = Platform.parse("linux(+feat%2Bv2+100%25gpu)/amd64", LINUX_AMD64);

    assertThat(p.osFeatures()).containsExactly("100%gpu", "feat+v2");
  }

  @Test
  void takesTheMissingArchitectureFromTheHost() {
    assertThat(Platform.parse("linux", Platform.of("darwin", "arm64", "v8")))
        .hasToString("linux/arm64");
    assertThat(Platform.parse("linux", Platform.of("linux", "arm", "v6")))
        .hasToString("linux/arm/v6");
    assertThat(Platform.parse("linux", Platform.of("linux", "armhf")))
        .as("containerd leaves the default v7 implicit").hasToString("linux/arm");
    assertThat(Platform.parse("linux", Platform.of("linux", "amd64", "v3")))
        .as("containerd borrows the host variant for 32-bit arm only")
        .hasToString("linux/amd64");
  }

  @Test
  void takesTheMissingOsFromTheHost() {
    Platform host = Platform.of("windows", "amd64", null, "10.0.20348", List.of("win32k"));

    assertThat(Platform.parse("arm64", host)).isEqualTo(Platform.of("windows", "arm64"));
    assertThat(Platform.parse("x86_64", Platform.of("Darwin", "arm64")))
        .hasToString("darwin/amd64");
  }

  @Test
  void usesTheCurrentPlatformAsHostByDefault() {
    Platform current = Platform.current();

    assertThat(Platform.parse("linux").architecture()).isEqualTo(current.architecture());
    assertThat(Platform.parse("riscv64").os()).isEqualTo(current.os());
  }

  @ParameterizedTest(name = "\"{0}\": {1}")
  @CsvSource(delimiter = '|', textBlock = """
      ''                        | operating system
      /linux/arm                | operating system
      linux/arm/                | component ""
      linux//arm                | component ""
      linux /arm                | operating system
      linux/&arm                | component "&arm"
      'linux/amd64 '            | component
      lin.ux/amd64              | operating system
      linux/arm/foo/bar         | too many components
      linux/arm64/v8/           | too many components
      a/b/c/d/e/f               | too many components
      *                         | wildcards
      linux/*                   | wildcards
      */arm64                   | wildcards
      foo                       | unknown operating system or architecture
      loongarch64               | unknown operating system or architecture
      amd64()                   | unknown operating system or architecture
      amd64(1.0)                | unknown operating system or architecture
      linux(                    | operating system
      linux(1.0/amd64           | operating system
      linux)(/amd64             | operating system
      linux(a(b))/amd64         | operating system
      linux(1.0)x/amd64         | operating system
      linux(1 0)/amd64          | operating system
      linux(+)/amd64            | empty OS feature
      linux(1.0+)/amd64         | empty OS feature
      linux(++a)/amd64          | empty OS feature
      linux(1%zz)/amd64         | invalid OS version
      linux(1%2)/amd64          | invalid OS version
      linux(+a%g0)/amd64        | invalid OS feature
      """)
  void rejectsInvalidSpecifiersNamingInputAndRule(String specifier, String rule) {
    InvalidPlatformException e = catchThrowableOfType(InvalidPlatformException.class,
        () -> Platform.parse(specifier, LINUX_AMD64));

    assertThat(e).isNotNull();
    assertThat(e.input()).isEqualTo(specifier);
    assertThat(e.reason()).contains(rule);
    assertThat(e.getMessage()).startsWith("invalid platform \"").contains(rule);
  }

  @Test
  void escapesControlCharactersInTheMessage() {
    InvalidPlatformException e = catchThrowableOfType(InvalidPlatformException.class,
        () -> Platform.parse("linux/arm\n\"x", LINUX_AMD64));

    assertThat(e.getMessage()).doesNotContain("\n").contains("\\u000a").contains("\\\"x");
  }

  @Test
  void cutsVeryLongInputInTheMessage() {
    String longInput = "linux/" + "a".repeat(10_000) + "!";

    InvalidPlatformException e = catchThrowableOfType(InvalidPlatformException.class,
        () -> Platform.parse(longInput, LINUX_AMD64));

    assertThat(e.input()).isEqualTo(longInput);
    assertThat(e.getMessage()).hasSizeLessThan(1_000).contains("characters)");
  }

  @Test
  void survivesHostileOsOptions() {
    String plusChain = "linux(" + "+".repeat(64 * 1024) + ")/amd64";
    String manyFeatures = "linux(" + "+f".repeat(50_000) + ")/amd64";

    assertThat(catchThrowableOfType(InvalidPlatformException.class,
        () -> Platform.parse(plusChain, LINUX_AMD64))).isNotNull();
    assertThat(Platform.parse(manyFeatures, LINUX_AMD64).osFeatures()).containsExactly("f");
  }

  @Test
  void rejectsNull() {
    assertThatNullPointerException().isThrownBy(() -> Platform.parse(null))
        .withMessage("specifier");
  }
}
