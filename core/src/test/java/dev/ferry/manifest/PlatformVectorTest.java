package dev.ferry.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlatformVectorTest {
  private static final Platform HOST = Platform.of("linux", "amd64");

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      linux/amd64                | linux/amd64 linux/386
      linux/amd64/v3             | linux/amd64/v3 linux/amd64/v2 linux/amd64/v1 linux/386
      linux/386                  | linux/386
      linux/arm/v8               | linux/arm/v8 linux/arm/v7 linux/arm/v6 linux/arm/v5
      linux/arm/v7               | linux/arm/v7 linux/arm/v6 linux/arm/v5
      linux/arm/v5               | linux/arm/v5
      linux/arm64                | linux/arm64 linux/arm/v8 linux/arm/v7 linux/arm/v6 linux/arm/v5
      linux/arm64/v8.2           | linux/arm64/v8.2 linux/arm64/v8.1 linux/arm64/v8 linux/arm/v8 linux/arm/v7 linux/arm/v6 linux/arm/v5
      linux/arm64/v9             | linux/arm64/v9 linux/arm64/v8.5 linux/arm64/v8.4 linux/arm64/v8.3 linux/arm64/v8.2 linux/arm64/v8.1 linux/arm64/v8 linux/arm/v9 linux/arm/v8 linux/arm/v7 linux/arm/v6 linux/arm/v5
      linux/arm64/v9.1           | linux/arm64/v9.1 linux/arm64/v9 linux/arm64/v8.6 linux/arm64/v8.5 linux/arm64/v8.4 linux/arm64/v8.3 linux/arm64/v8.2 linux/arm64/v8.1 linux/arm64/v8 linux/arm/v8 linux/arm/v7 linux/arm/v6 linux/arm/v5
      linux/arm64/v9.5           | linux/arm64/v9.5 linux/arm64/v9.4 linux/arm64/v9.3 linux/arm64/v9.2 linux/arm64/v9.1 linux/arm64/v9 linux/arm64/v8.9 linux/arm64/v8.8 linux/arm64/v8.7 linux/arm64/v8.6 linux/arm64/v8.5 linux/arm64/v8.4 linux/arm64/v8.3 linux/arm64/v8.2 linux/arm64/v8.1 linux/arm64/v8 linux/arm/v8 linux/arm/v7 linux/arm/v6 linux/arm/v5
      linux/arm64/v7             | linux/arm64/v7 linux/arm/v7 linux/arm/v6 linux/arm/v5
      linux/arm64/foo            | linux/arm64/foo linux/arm/foo
      linux/riscv64              | linux/riscv64
      windows(10.0.17763)/amd64  | windows(10.0.17763)/amd64 windows(10.0.17763)/386
      linux(+gpu)/arm/v6         | linux(+gpu)/arm/v6 linux(+gpu)/arm/v5
      """)
  void listsTheHostThenWhatItCanRunBestFirst(String host, String expected) {
    assertThat(PlatformVector.of(Platform.parse(host, HOST)))
        .extracting(Platform::toString)
        .containsExactly(expected.trim().split("\\s+"));
  }

  @ParameterizedTest(name = "{0}/{1}: {2} entries")
  @CsvSource(textBlock = """
      arm,   v64,         60
      arm,   v65,         1
      arm,   v2000000000, 1
      amd64, v64,         65
      amd64, v65,         2
      amd64, v99999999999999999999, 2
      arm64, v8.12,       5
      arm64, 8.12,        14
      """)
  void boundsTheExpansionOfHugeVariants(String arch, String variant, int entries) {
    assertThat(PlatformVector.of(Platform.of("linux", arch, variant))).hasSize(entries);
  }
}
