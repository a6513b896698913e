package dev.ferry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DigestWarmupTest {
  @Test
  void runsOncePerJvmOnADaemonThreadThatFinishes() throws InterruptedException {
    Thread first = DigestWarmup.start();
    Thread second = DigestWarmup.start();

    assertThat(first).isNotNull().isSameAs(second);
    assertThat(first.isDaemon()).isTrue();
    assertThat(first.getName()).isEqualTo("ferry-digest-warmup");
    first.join(30_000);
    assertThat(first.isAlive()).isFalse();
    assertThat(DigestWarmup.start()).isSameAs(first);
  }

  @Test
  void theSystemPropertyTurnsItOff() {
    String before = System.getProperty("ferry.digestWarmup");
    System.setProperty("ferry.digestWarmup", "false");
    try {
      assertThat(DigestWarmup.start()).isNull();
    } finally {
      if (before == null) {
        System.clearProperty("ferry.digestWarmup");
      } else {
        System.setProperty("ferry.digestWarmup", before);
      }
    }
  }
}
