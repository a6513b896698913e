package dev.ferry.reference;

import static dev.ferry.reference.ImageReferenceTest.HEX64;
import static dev.ferry.reference.ImageReferenceTest.SHA256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ferry.FerryLimits;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImageReferenceInvalidTest {

  static Arguments invalid(String input, String reasonFragment) {
    return Arguments.of(input, reasonFragment);
  }

  static Stream<Arguments> invalidReferences() {
    return Stream.of(
        invalid("", "reference is empty"),
        // repository missing
        invalid(":tag", "repository name is missing"),
        invalid("@" + SHA256, "repository name is missing"),
        invalid("localhost/:tag", "repository name is missing"),
        // uppercase repository
        invalid("docker.io/UPPER", "repository name must be lowercase"),
        invalid("Uppercase:tag", "repository name must be lowercase"),
        invalid("docker/Docker", "repository name must be lowercase"),
        invalid("test:5000/Uppercase/lowercase:tag", "repository name must be lowercase"),
        invalid("Foo/Bar", "repository name must be lowercase"),
        invalid(HEX64.toUpperCase(java.util.Locale.ROOT), "repository name must be lowercase"),
        // empty path components
        invalid("a//b", "empty component"),
        invalid("a/", "empty component"),
        invalid("/a", "empty component"),
        invalid("a/b/", "empty component"),
        invalid("docker///docker", "empty component"),
        invalid("quay.io/", "repository name is missing"),
        // separators and characters in path components
        invalid("a_-b", "invalid separator \"_-\""),
        invalid("a..b", "invalid separator \"..\""),
        invalid("a___b", "invalid separator \"___\""),
        invalid("docker/dock_.er", "invalid separator \"_.\""),
        invalid("dock-.er", "invalid separator \"-.\""),
        invalid("dock_.er/docker", "registry host \"dock_.er\" contains invalid character '_'"),
        invalid("_a", "must start with a lowercase letter or digit"),
        invalid("-docker", "must start with a lowercase letter or digit"),
        invalid("____/____", "must start with a lowercase letter or digit"),
        invalid("a-", "must end with a lowercase letter or digit"),
        invalid("a.", "must end with a lowercase letter or digit"),
        invalid("docker-/docker", "must end with a lowercase letter or digit"),
        invalid("aa/asdf$$^/aa", "invalid character '$'"),
        invalid("[::1", "invalid character '['"),
        invalid("[fc00::1]:5000", "invalid character '['"),
        // tags
        invalid("nginx:", "tag is empty"),
        invalid("nginx:-bad", "must start with a letter, a digit or '_'"),
        invalid("nginx:.bad", "must start with a letter, a digit or '_'"),
        invalid("nginx:" + "t".repeat(129), "tag is too long: 129 characters, at most 128"),
        invalid("nginx:a+b", "tag \"a+b\" contains invalid character '+'"),
        invalid("nginx:1.0:2.0", "contains invalid character ':'"),
        // digests
        invalid("nginx@", "digest is empty"),
        invalid("foo/bar:tag@", "digest is empty"),
        invalid("nginx@sha256:short", "invalid digest"),
        invalid("nginx@md5:" + "a".repeat(32), "invalid digest"),
        invalid("nginx:tag@sha256:" + HEX64.toUpperCase(java.util.Locale.ROOT), "invalid digest"),
        invalid("nginx@SHA256:" + HEX64, "invalid digest"),
        invalid("nginx@sha256", "invalid digest"),
        invalid("nginx@" + SHA256 + "@" + SHA256, "invalid digest"),
        // lengths
        invalid("example.com/" + "a".repeat(256), "repository name is too long: 256 characters, at most 255"),
        invalid("b".repeat(248), "repository name is too long: 256 characters with Docker Hub's 'library/'"),
        invalid("a/".repeat(128) + "a:tag", "repository name is too long: 257"),
        invalid("a".repeat(FerryLimits.MAX_REFERENCE_LENGTH + 1), "reference is too long: 4097 characters"),
        // image IDs
        invalid(HEX64, "looks like an image ID"),
        // registries and ports
        invalid("[::1/foo", "never closes it with ']'"),
        invalid("[fe80::1%eth0]/a", "zone ids"),
        invalid("[fe80::1%eth0]:5000/debian", "zone ids"),
        invalid("[2001:db8:3:4::192.0.2.33]:5000/debian", "only hex digits and ':'"),
        invalid("[]:5000/a", "empty IPv6 address"),
        invalid("[]/a", "invalid character '['"),
        invalid("[::1]x/a", "only ':port' may follow"),
        invalid("[::1]:/a", "registry port is empty"),
        invalid("[::1]:abc/a", "registry port \"abc\" must be a decimal number"),
        invalid("fc00::1:5000/debian", "IPv6 addresses need brackets"),
        invalid("host:port/a", "registry port \"port\" must be a decimal number"),
        invalid("host:/a", "registry port is empty"),
        invalid("https://github.com/docker/docker", "an image reference has no scheme: drop \"https://\""),
        invalid("http://localhost:5000/app:1", "RegistryClientBuilder.plainHttp(\"host:port\")"),
        invalid("docker://nginx:1.27", "drop \"docker://\" and write registry/repository:tag"),
        invalid("nginx:a/b", "registry port \"a\" must be a decimal number"),
        invalid(":5000/a", "registry host is empty"),
        invalid("-host.com/a", "each label must start and end with a letter or digit"),
        invalid("host-.com/a", "each label must start and end with a letter or digit"),
        invalid("-docker.io/docker/docker", "each label must start and end with a letter or digit"),
        invalid("a..com/b", "empty label"),
        invalid(".com/b", "empty label"),
        invalid("com./b", "empty label"),
        invalid("a_b.com/c", "registry host \"a_b.com\" contains invalid character '_'"),
        invalid("Foo_bar/x", "registry host \"Foo_bar\" contains invalid character '_'"),
        // whitespace, control and non-ASCII characters
        invalid(" nginx", "must not contain whitespace (found at index 0)"),
        invalid("nginx ", "must not contain whitespace"),
        invalid("ng inx", "must not contain whitespace"),
        invalid("nginx:1.27\n", "must not contain whitespace"),
        invalid("nginx\t:1", "must not contain whitespace"),
        invalid("nginx\u00a0", "must not contain whitespace"),
        invalid("nginx\u0000", "must not contain control characters"),
        invalid("nginx\u001b[31m", "must not contain control characters"),
        invalid("nginx\u007f", "must not contain control characters"),
        invalid("nginx:t\u00e4g", "must contain only ASCII characters (found U+00E4 at index 7)"),
        invalid("\u0144ginx", "must contain only ASCII characters"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("invalidReferences")
  void refusesInvalidReferenceNamingTheRule(String input, String reasonFragment) {
    InvalidReferenceException e = catchThrowableOfType(InvalidReferenceException.class,
        () -> ImageReference.parse(input));

    assertThat(e).as("parse(%s) must fail", input).isNotNull();
    assertThat(e.input()).isEqualTo(input);
    assertThat(e.reason()).contains(reasonFragment);
    assertThat(e.getMessage()).startsWith("invalid image reference \"").contains(e.reason());
  }

  @Test
  void keepsTheDigestFailureAsCause() {
    InvalidReferenceException e = catchThrowableOfType(InvalidReferenceException.class,
        () -> ImageReference.parse("nginx@sha256:abc"));

    assertThat(e.getCause()).isInstanceOf(InvalidDigestException.class);
    assertThat(e.reason()).contains("sha256 needs 64 hex digits");
  }

  @Test
  void refusesHugeInputBeforeScanningIt() {
    String huge = "a".repeat(100 * 1024);

    InvalidReferenceException e = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(5),
        () -> catchThrowableOfType(InvalidReferenceException.class, () -> ImageReference.parse(huge)));

    assertThat(e.reason()).isEqualTo("reference is too long: 102400 characters, at most 4096 allowed");
    assertThat(e.getMessage()).hasSizeLessThan(500).contains("...(102400 characters)");
  }

  @Test
  void failsFastOnInputShapedToMakeRegexesBacktrack() {
    int n = FerryLimits.MAX_REFERENCE_LENGTH - 2;
    List<String> hostile = List.of(
        "a" + "-".repeat(n) + "!",
        "a" + "_".repeat(n) + "!",
        "a.".repeat(n / 2) + "!",
        "a-a_a.".repeat(n / 6) + "A",
        "x.com/" + "a-".repeat(n / 2 - 4) + "/",
        "x.com/" + "a/".repeat(n / 2 - 4) + "a@",
        "[" + ":".repeat(n) + "!",
        "a" + ".a".repeat(n / 2 - 1) + "-/b",
        "nginx:" + "a".repeat(n - 6) + "!",
        "nginx@sha256:" + "f".repeat(n - 13));

    Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      for (int round = 0; round < 50; round++) {
        for (String input : hostile) {
          assertThatThrownBy(() -> ImageReference.parse(input)).isInstanceOf(InvalidReferenceException.class);
        }
      }
    });
  }

  @Test
  void escapesControlCharactersInTheMessage() {
    InvalidReferenceException e = catchThrowableOfType(InvalidReferenceException.class,
        () -> ImageReference.parse("nginx\u001b[2J"));

    assertThat(e.getMessage()).doesNotContain("\u001b").contains("\\u001b");
  }
}
