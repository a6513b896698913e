package dev.ferry.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ferry.FerryLimits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SmallBodiesTest {
  private final AtomicLong now = new AtomicLong();

  /** A body that gives one byte per read and moves the clock by {@code step} each time. */
  private InputStream dripping(int size, Duration step) {
    return new InputStream() {
      private int left = size;

      @Override
      public int read() {
        now.addAndGet(step.toNanos());
        return left-- > 0 ? 'x' : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        int c = read();
        if (c < 0) {
          return -1;
        }
        b[off] = (byte) c;
        return 1;
      }
    };
  }

  @Test
  void failsOnceTheWholeBodyTakesLongerThanTheDeadlineThoughEveryReadIsQuick() {
    InputStream body = SmallBodies.withDeadline(dripping(1000, Duration.ofMillis(500)), Duration.ofSeconds(10),
        now::get);

    SmallBodies.DeadlineException e = catchThrowableOfType(SmallBodies.DeadlineException.class,
        () -> SmallBodies.read(body, 1001));

    assertThat(e).hasMessageStartingWith("the body did not arrive whole within 10000 ms");
    assertThat(now.get()).isLessThanOrEqualTo(Duration.ofMillis(10_500).toNanos());
  }

  @Test
  void readsABodyThatArrivesWithinTheDeadline() throws IOException {
    InputStream body = SmallBodies.withDeadline(dripping(10, Duration.ofMillis(500)), Duration.ofSeconds(10),
        now::get);

    assertThat(SmallBodies.read(body, 11)).hasSize(10);
  }

  @Test
  void readsAtMostTheGivenNumberOfBytes() throws IOException {
    assertThat(SmallBodies.read(new ByteArrayInputStream(new byte[100_000]), 70_000)).hasSize(70_000);
    assertThat(SmallBodies.read(new ByteArrayInputStream(new byte[5]), 70_000)).hasSize(5);
  }

  @Test
  void transportsUseTheDefaultSmallBodyTimeoutUnlessTold() {
    assertThat(TransportSettings.builder().build().smallBodyTimeout()).isEqualTo(FerryLimits.SMALL_BODY_TIMEOUT);
    assertThat(TransportSettings.builder().smallBodyTimeout(Duration.ofSeconds(2)).build().smallBodyTimeout())
        .isEqualTo(Duration.ofSeconds(2));
  }
}
