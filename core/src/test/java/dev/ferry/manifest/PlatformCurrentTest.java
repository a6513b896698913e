package dev.ferry.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlatformCurrentTest {
  @ParameterizedTest(name = "{0} / {1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      Linux               | amd64       | linux/amd64
      Linux               | x86_64      | linux/amd64
      Mac OS X            | aarch64     | darwin/arm64
      Mac OS X            | x86_64      | darwin/amd64
      Darwin              | arm64       | darwin/arm64
      Windows 11          | amd64       | windows/amd64
      Windows Server 2022 | amd64       | windows/amd64
      Windows 10          | x86         | windows/386
      Windows 11          | aarch64     | windows/arm64
      Linux               | x86         | linux/386
      Linux               | i386        | linux/386
      Linux               | i686        | linux/386
      Linux               | arm         | linux/arm/v7
      Linux               | armv7l      | linux/arm/v7
      Linux               | armv6l      | linux/arm/v6
      Linux               | aarch64     | linux/arm64
      Linux               | ppc64le     | linux/ppc64le
      Linux               | ppc64       | linux/ppc64
      Linux               | s390x       | linux/s390x
      Linux               | riscv64     | linux/riscv64
      Linux               | loongarch64 | linux/loong64
      Linux               | mips64el    | linux/mips64le
      Linux               | mipsel      | linux/mipsle
      SunOS               | sparcv9     | solaris/sparc64
      FreeBSD             | amd64       | freebsd/amd64
      OpenBSD             | aarch64     | openbsd/arm64
      NetBSD              | amd64       | netbsd/amd64
      AIX                 | ppc64       | aix/ppc64
      z/OS                | s390x       | zos/s390x
      HP-UX               | IA64_32     | hp-ux/ia64_32
      OS/400              | PowerPC     | os400/ppc
      """)
  void mapsJavaSystemPropertiesToImagePlatforms(String osName, String osArch, String expected) {
    Platform p = Platform.current(osName, osArch);

    assertThat(p).hasToString(expected);
    assertThat(p).isEqualTo(p.normalize());
  }

  @Test
  void neverThrowsOnMissingProperties() {
    assertThat(Platform.current("", "")).isEqualTo(Platform.of("", ""));
  }

  @Test
  void currentReadsOsNameAndOsArch() {
    Platform expected = Platform.current(System.getProperty("os.name"),
        System.getProperty("os.arch"));

    assertThat(Platform.current()).isEqualTo(expected);
    assertThat(Platform.current().osVersion()).isEmpty();
    assertThat(Platform.parse(Platform.current().toString())).isEqualTo(Platform.current());
  }
}
