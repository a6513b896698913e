package dev.ferry.internal.auth.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostGlobTest {
  @Test
  void labelsAreGlobbedOneByOne() {
    assertThat(HostGlob.matches("*.gcr.io", "us.gcr.io")).isTrue();
    assertThat(HostGlob.matches("*.gcr.io", "gcr.io")).isFalse();
    assertThat(HostGlob.matches("*.gcr.io", "a.b.gcr.io")).isFalse();
    assertThat(HostGlob.matches("*.*.amazonaws.com", "dkr.ecr.amazonaws.com")).isTrue();
    assertThat(HostGlob.matches("registry-?.example", "registry-1.example")).isTrue();
    assertThat(HostGlob.matches("registry-[0-9].example", "registry-7.example")).isTrue();
    assertThat(HostGlob.matches("registry-[^0-9].example", "registry-7.example")).isFalse();
    assertThat(HostGlob.matches("registry-[^0-9].example", "registry-x.example")).isTrue();
    assertThat(HostGlob.matches("quay.io", "quay.io")).isTrue();
  }

  @Test
  void portsMustBeEqual() {
    assertThat(HostGlob.matches("*.example:5000", "r.example:5000")).isTrue();
    assertThat(HostGlob.matches("*.example:5000", "r.example")).isFalse();
    assertThat(HostGlob.matches("*.example", "r.example:5000")).isFalse();
    assertThat(HostGlob.matches("[::1]:5000", "[::1]:5000")).isTrue();
  }

  @Test
  void globSemantics() {
    assertThat(HostGlob.glob("*", "")).isTrue();
    assertThat(HostGlob.glob("a*b*c", "axxbyyc")).isTrue();
    assertThat(HostGlob.glob("a*b*c", "axxbyy")).isFalse();
    assertThat(HostGlob.glob("\\*", "*")).isTrue();
    assertThat(HostGlob.glob("\\*", "a")).isFalse();
    assertThat(HostGlob.glob("[a-c]x", "bx")).isTrue();
    assertThat(HostGlob.glob("[a-c]x", "dx")).isFalse();
  }

  @Test
  void malformedGlobsMatchNothing() {
    assertThat(HostGlob.glob("[a-", "a")).isFalse();
    assertThat(HostGlob.glob("[]", "a")).isFalse();
    assertThat(HostGlob.glob("a\\", "a")).isFalse();
  }

  @Test
  void manyStarsStayFast() {
    String pattern = "*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b";
    String text = "a".repeat(5000);
    long start = System.nanoTime();
    assertThat(HostGlob.glob(pattern, text)).isFalse();
    assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
  }
}
