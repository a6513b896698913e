package dev.ferry.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class VerifyingInputStreamTest {
  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    new Random(42).nextBytes(b);
    return b;
  }

  @Test
  void passesMatchingContentThroughAndMarksItVerified() throws IOException {
    byte[] content = randomBytes(100_000);
    Digest d = Digest.sha256(content);
    try (VerifyingInputStream in = d.verifying(new ByteArrayInputStream(content), content.length)) {
      assertThat(in.readAllBytes()).isEqualTo(content);
      assertThat(in.isVerified()).isTrue();
      assertThat(in.bytesRead()).isEqualTo(content.length);
      assertThat(in.read()).isEqualTo(-1);
    }
  }

  @Test
  void verifiesWhenReadByteByByte() throws IOException {
    byte[] content = randomBytes(300);
    try (VerifyingInputStream in = Digest.sha256(content).verifying(new ByteArrayInputStream(content), 300)) {
      int n = 0;
      while (in.read() >= 0) {
        n++;
      }
      assertThat(n).isEqualTo(300);
      assertThat(in.isVerified()).isTrue();
    }
  }

  @Test
  void failsAtTheEndWhenContentDiffersAndReportsBothDigests() {
    byte[] content = randomBytes(1000);
    Digest expected = Digest.sha256(content);
    byte[] tampered = content.clone();
    tampered[500] ^= 1;
    InputStream in = expected.verifying(new ByteArrayInputStream(tampered), tampered.length);
    assertThatThrownBy(in::readAllBytes)
        .isInstanceOfSatisfying(DigestMismatchException.class, e -> {
          assertThat(e.expected()).isEqualTo(expected);
          assertThat(e.actual()).contains(Digest.sha256(tampered));
          assertThat(e.actualSize()).isEqualTo(1000);
          assertThat(e.expectedSize()).hasValue(1000);
        })
        .hasMessageContaining(expected.toString())
        .hasMessageContaining(Digest.sha256(tampered).toString());
  }

  @Test
  void keepsFailingOnEveryReadAfterAMismatch() throws IOException {
    byte[] content = randomBytes(10);
    InputStream in = Digest.sha256(new byte[] {1}).verifying(new ByteArrayInputStream(content), 10);
    assertThatThrownBy(in::readAllBytes).isInstanceOf(DigestMismatchException.class);
    assertThatThrownBy(in::read).isInstanceOf(DigestMismatchException.class);
    assertThatThrownBy(() -> in.read(new byte[4], 0, 4)).isInstanceOf(DigestMismatchException.class);
  }

  @Test
  void failsAsSoonAsMoreBytesThanExpectedArrive() {
    // an endless stream: the check must stop it rather than read forever
    InputStream endless = new InputStream() {
      @Override
      public int read() {
        return 7;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        return len;
      }
    };
    InputStream in = Digest.sha256(new byte[0]).verifying(endless, 100);
    assertThatThrownBy(() -> in.readNBytes(1_000_000))
        .isInstanceOfSatisfying(DigestMismatchException.class, e -> {
          assertThat(e.actual()).isEmpty();
          assertThat(e.actualSize()).isGreaterThan(100).isLessThanOrEqualTo(100 + 16384);
        })
        .hasMessageContaining("longer than the expected 100 bytes");
  }

  @Test
  void failsWhenTheStreamEndsEarly() {
    byte[] content = randomBytes(64);
    byte[] truncated = java.util.Arrays.copyOf(content, 63);
    InputStream in = Digest.sha256(content).verifying(new ByteArrayInputStream(truncated), 64);
    assertThatThrownBy(in::readAllBytes)
        .isInstanceOfSatisfying(DigestMismatchException.class,
            e -> assertThat(e.actualSize()).isEqualTo(63))
        .hasMessageContaining("has 63 bytes, expected 64");
  }

  @Test
  void checksOnlyTheDigestWhenSizeIsUnknown() throws IOException {
    byte[] content = randomBytes(5000);
    try (VerifyingInputStream in = Digest.sha256(content).verifying(new ByteArrayInputStream(content))) {
      assertThat(in.readAllBytes()).isEqualTo(content);
      assertThat(in.isVerified()).isTrue();
    }
    InputStream bad = Digest.sha256(content).verifying(new ByteArrayInputStream(new byte[3]));
    assertThatThrownBy(bad::readAllBytes)
        .isInstanceOfSatisfying(DigestMismatchException.class,
            e -> assertThat(e.expectedSize()).isEmpty())
        .hasMessageStartingWith("digest mismatch");
  }

  @Test
  void skipHashesTheSkippedBytes() throws IOException {
    byte[] content = randomBytes(20_000);
    try (VerifyingInputStream in = Digest.sha256(content).verifying(new ByteArrayInputStream(content), 20_000)) {
      assertThat(in.skip(15_000)).isEqualTo(15_000);
      assertThat(in.readAllBytes()).hasSize(5_000);
      assertThat(in.isVerified()).isTrue();
    }
  }

  @Test
  void closeClosesTheUnderlyingStreamWithoutVerifying() throws IOException {
    AtomicBoolean closed = new AtomicBoolean();
    InputStream source = new ByteArrayInputStream(new byte[10]) {
      @Override
      public void close() {
        closed.set(true);
      }
    };
    VerifyingInputStream in = Digest.sha256(new byte[10]).verifying(source, 10);
    in.read(new byte[3], 0, 3);
    in.close();
    assertThat(closed).isTrue();
    assertThat(in.isVerified()).isFalse();
  }

  @Test
  void refusesMarkResetAndNegativeSize() {
    VerifyingInputStream in = Digest.sha256(new byte[0]).verifying(new ByteArrayInputStream(new byte[0]), 0);
    assertThat(in.markSupported()).isFalse();
    assertThatThrownBy(in::reset).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> Digest.sha256(new byte[0]).verifying(InputStream.nullInputStream(), -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
