package dev.ferry.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DigestTest {
  // SHA-256 of the empty input, a value every registry knows (the empty layer's digest)
  private static final String EMPTY_SHA256 =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  @Test
  void parsesSha256AndKeepsParts() {
    Digest d = Digest.parse("sha256:" + EMPTY_SHA256);
    assertThat(d.algorithm()).isEqualTo("sha256");
    assertThat(d.encoded()).isEqualTo(EMPTY_SHA256);
    assertThat(d.hex()).isEqualTo(EMPTY_SHA256);
    assertThat(d).hasToString("sha256:" + EMPTY_SHA256);
  }

  @Test
  void equalsAndHashCodeFollowAlgorithmAndHashOnly() {
    Digest parsed = Digest.parse("sha256:" + EMPTY_SHA256);
    Digest computed = Digest.sha256(new byte[0]);
    assertThat(parsed).isEqualTo(computed).hasSameHashCodeAs(computed);
    assertThat(parsed).isNotEqualTo(Digest.parse("sha256:" + "0".repeat(64)))
        .isNotEqualTo(Digest.parse("sha512:" + "a".repeat(128)))
        .isNotEqualTo("sha256:" + EMPTY_SHA256)
        .isNotEqualTo(null);
    assertThat(java.util.Set.of(parsed)).contains(computed);
  }

  @Test
  void parsesSha512WithItsOwnLength() {
    String hex = "a".repeat(128);
    assertThat(Digest.parse("sha512:" + hex).encoded()).isEqualTo(hex);
    assertThatThrownBy(() -> Digest.parse("sha512:" + "a".repeat(64)))
        .isInstanceOf(InvalidDigestException.class)
        .hasMessageContaining("sha512 needs 128 hex digits");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "sha256                      | expected algorithm:encoded",
      "\"\"                          | expected algorithm:encoded",
      ":abc                        | the algorithm is empty",
      "md5:d41d8cd98f00b204e9800998ecf8427e | unsupported digest algorithm 'md5'",
      "SHA256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 | unsupported digest algorithm 'SHA256'",
      "sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855 | must be lowercase hex",
      "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85 | needs 64 hex digits, found 63",
      "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855a | needs 64 hex digits, found 65",
      "sha256:g3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 | 'g' at position 0",
      "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85: | ':' at position 63",
  })
  void refusesMalformedDigestsNamingTheRule(String input, String rule) {
    assertThatThrownBy(() -> Digest.parse(input))
        .isInstanceOfSatisfying(InvalidDigestException.class, e -> {
          assertThat(e.input()).isEqualTo(input);
          assertThat(e.reason()).contains(rule);
        })
        .hasMessageContaining(rule)
        .hasMessageStartingWith("invalid digest \"" + input + "\"");
  }

  @Test
  void messageEscapesControlCharactersAndCutsHugeInput() {
    assertThatThrownBy(() -> Digest.parse("sha256:\n\u0000"))
        .hasMessageContaining("sha256:\\u000a\\u0000");
    String huge = "sha256:" + "a".repeat(100_000);
    assertThatThrownBy(() -> Digest.parse(huge))
        .hasMessageContaining("(100007 characters)")
        .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(500));
  }

  @Test
  void computesSha256OfBytes() throws Exception {
    byte[] content = "hello ferry".getBytes(StandardCharsets.UTF_8);
    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    assertThat(Digest.sha256(content)).isEqualTo(Digest.parse("sha256:" + expected));
    assertThat(Digest.sha256(new byte[0]).encoded()).isEqualTo(EMPTY_SHA256);
  }

  @Test
  void matchesWithTheDigestsOwnAlgorithm() throws Exception {
    byte[] content = "abc".getBytes(StandardCharsets.UTF_8);
    String sha512 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(content));
    Digest d512 = Digest.parse("sha512:" + sha512);
    assertThat(d512.matches(content)).isTrue();
    assertThat(d512.matches("abd".getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(d512.recompute(content)).isEqualTo(d512);
    assertThat(Digest.sha256(content).matches(content)).isTrue();
  }

  @Test
  void equalDigestsAreEqualValues() {
    assertThat(Digest.parse("sha256:" + EMPTY_SHA256))
        .isEqualTo(new Digest("sha256", EMPTY_SHA256))
        .hasSameHashCodeAs(new Digest("sha256", EMPTY_SHA256));
  }
}
