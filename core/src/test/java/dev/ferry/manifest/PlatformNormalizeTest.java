package dev.ferry.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlatformNormalizeTest {
  @ParameterizedTest(name = "{0}/{1} -> {2}/{3}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      x86_64  | -    | amd64   | -
      x86-64  | -    | amd64   | -
      amd64   | -    | amd64   | -
      AMD64   | -    | amd64   | -
      amd64   | v1   | amd64   | -
      amd64   | V1   | amd64   | -
      x86_64  | v1   | amd64   | -
      amd64   | v2   | amd64   | v2
      amd64   | v3   | amd64   | v3
      x86_64  | V4   | amd64   | v4
      aarch64 | -    | arm64   | -
      AArch64 | -    | arm64   | -
      arm64   | -    | arm64   | -
      arm64   | 8    | arm64   | -
      arm64   | v8   | arm64   | -
      aarch64 | V8   | arm64   | -
      arm64   | v8.0 | arm64   | -
      arm64   | v8.2 | arm64   | v8.2
      arm64   | 9    | arm64   | v9
      arm64   | 9.0  | arm64   | v9
      arm64   | v9.0 | arm64   | v9
      arm64   | v9   | arm64   | v9
      arm64   | v9.1 | arm64   | v9.1
      armhf   | -    | arm     | v7
      armhf   | v6   | arm     | v7
      armel   | -    | arm     | v6
      armel   | v7   | arm     | v6
      arm     | -    | arm     | v7
      ARM     | -    | arm     | v7
      arm     | 7    | arm     | v7
      arm     | v7   | arm     | v7
      arm     | 5    | arm     | v5
      arm     | 6    | arm     | v6
      arm     | 8    | arm     | v8
      arm     | v5   | arm     | v5
      arm     | V6   | arm     | v6
      arm     | 4    | arm     | 4
      arm     | v9   | arm     | v9
      i386    | -    | 386     | -
      i386    | v1   | 386     | -
      386     | -    | 386     | -
      ppc64le | -    | ppc64le | -
      PPC64LE | -    | ppc64le | -
      s390x   | -    | s390x   | -
      riscv64 | -    | riscv64 | -
      loong64 | -    | loong64 | -
      mips64le| -    | mips64le| -
      Weird   | Foo  | weird   | foo
      ''      | -    | ''      | -
      """)
  void normalisesArchitectureAliasesAndDefaultVariants(String arch, String variant,
      String expectedArch, String expectedVariant) {
    Platform normalized = Platform.of("linux", arch, variant).normalize();

    assertThat(normalized.architecture()).isEqualTo(expectedArch);
    assertThat(normalized.variant().orElse(null)).isEqualTo(expectedVariant);
    assertThat(normalized.normalize()).as("idempotent").isEqualTo(normalized);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      linux   | linux
      Linux   | linux
      LINUX   | linux
      macos   | darwin
      MacOS   | darwin
      darwin  | darwin
      Windows | windows
      FreeBSD | freebsd
      ''      | ''
      """)
  void normalisesOperatingSystems(String os, String expected) {
    assertThat(Platform.of(os, "amd64").normalize().os()).isEqualTo(expected);
  }

  @Test
  void treatsArmAsArmV7AndArm64AsArm64V8() {
    assertThat(Platform.of("linux", "arm").normalize())
        .isEqualTo(Platform.of("linux", "arm", "v7").normalize())
        .isEqualTo(Platform.parse("linux/armhf", Platform.of("linux", "amd64")).normalize());
    assertThat(Platform.of("linux", "arm64", "v8").normalize())
        .isEqualTo(Platform.of("linux", "aarch64").normalize())
        .isEqualTo(Platform.of("linux", "arm64"));
  }

  @Test
  void ofKeepsThePartsAsGiven() {
    Platform p = Platform.of("Linux", "ARMHF", "7", "1.0", List.of("b", "a", "b"));

    assertThat(p.os()).isEqualTo("Linux");
    assertThat(p.architecture()).isEqualTo("ARMHF");
    assertThat(p.variant()).contains("7");
    assertThat(p.osVersion()).contains("1.0");
    assertThat(p.osFeatures()).containsExactly("b", "a", "b");
    assertThat(p).isNotEqualTo(p.normalize());
  }

  @Test
  void normaliseKeepsTheOsVersionAndSortsFeaturesWithoutDuplicates() {
    Platform p = Platform.of("Windows", "AMD64", null, "10.0.20348.1", List.of("b", "a", "b"));

    Platform normalized = p.normalize();

    assertThat(normalized.os()).isEqualTo("windows");
    assertThat(normalized.osVersion()).contains("10.0.20348.1");
    assertThat(normalized.osFeatures()).containsExactly("a", "b");
  }

  @Test
  void treatsEmptyVariantAndOsVersionAsAbsent() {
    Platform p = Platform.of("linux", "amd64", "", "", List.of());

    assertThat(p.variant()).isEmpty();
    assertThat(p.osVersion()).isEmpty();
    assertThat(p).isEqualTo(Platform.of("linux", "amd64"));
  }

  @Test
  void equalityComparesThePartsAsWritten() {
    assertThat(Platform.of("linux", "arm")).isNotEqualTo(Platform.of("linux", "arm", "v7"));
    assertThat(Platform.of("linux", "arm", "v7")).isEqualTo(Platform.of("linux", "arm", "v7"))
        .hasSameHashCodeAs(Platform.of("linux", "arm", "v7"));
    assertThat(Platform.of("linux", "amd64", null, null, List.of("a", "b")))
        .isNotEqualTo(Platform.of("linux", "amd64", null, null, List.of("b", "a")));
  }

  @Test
  void withVariantAndWithOsVersionReplaceOnePart() {
    Platform p = Platform.of("windows", "amd64", null, "10.0.17763", List.of("win32k"));

    assertThat(p.withOsVersion("10.0.20348.1")).isEqualTo(
        Platform.of("windows", "amd64", null, "10.0.20348.1", List.of("win32k")));
    assertThat(p.withOsVersion("").osVersion()).isEmpty();
    assertThat(Platform.of("linux", "arm").withVariant("v6")).hasToString("linux/arm/v6");
    assertThat(Platform.of("linux", "arm", "v6").withVariant("").variant()).isEmpty();
  }

  @Test
  void osFeaturesAreACopyAndUnmodifiable() {
    List<String> features = Arrays.asList("a", "b");
    Platform p = Platform.of("linux", "amd64", null, null, features);

    features.set(0, "z");

    assertThat(p.osFeatures()).containsExactly("a", "b");
    assertThat(p.osFeatures()).isUnmodifiable();
  }

  @Test
  void rejectsNullParts() {
    assertThatNullPointerException().isThrownBy(() -> Platform.of(null, "amd64"))
        .withMessage("os");
    assertThatNullPointerException().isThrownBy(() -> Platform.of("linux", null))
        .withMessage("architecture");
    assertThatNullPointerException()
        .isThrownBy(() -> Platform.of("linux", "amd64", null, null, Arrays.asList("a", null)))
        .withMessage("osFeatures element");
    assertThatNullPointerException().isThrownBy(() -> Platform.of("linux", "arm").withVariant(null))
        .withMessage("variant");
    assertThatNullPointerException()
        .isThrownBy(() -> Platform.of("linux", "arm").withOsVersion(null))
        .withMessage("osVersion");
  }
}
