package dev.ferry.reference;

import static dev.ferry.reference.ImageReferenceTest.HEX64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Compares {@link ImageReference#parse} with an oracle: the reference grammar of
 * {@code github.com/distribution/reference} as plain regular expressions, driven by
 * {@code ParseNormalizedNamed}'s domain split. Inputs are random but short, so the
 * backtracking regexes stay cheap here.
 */
class ImageReferenceFuzzTest {
  private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
  private static final String PATH = COMPONENT + "(?:/" + COMPONENT + ")*";
  private static final String LABEL = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final String DOMAIN = "(?:" + LABEL + "(?:\\." + LABEL + ")*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?";
  private static final String TAG = "[\\w][\\w.-]{0,127}";
  private static final String DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
  private static final Pattern REFERENCE =
      Pattern.compile("((?:" + DOMAIN + "/)?" + PATH + ")(?::(" + TAG + "))?(?:@(" + DIGEST + "))?");
  private static final Pattern NAME = Pattern.compile("(?:(" + DOMAIN + ")/)?(" + PATH + ")");
  private static final Pattern SUPPORTED_DIGEST = Pattern.compile("sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128}");

  private static final List<String> TOKENS = List.of(
      "a", "b", "z", "0", "9", "nginx", "library", "/", "/", "/", ":", ":", "@", ".", "_", "__", "-", "--",
      "A", "Q", "[", "]", "::1", "fe80::1", "%", " ", "$", "localhost", "docker.io", "index.docker.io",
      "5000", "443", "v1.2", "sha256:" + HEX64, "sha512:" + HEX64 + HEX64, "sha256:" + HEX64.substring(2),
      "sha256:" + HEX64.toUpperCase(Locale.ROOT), "md5:" + HEX64.substring(32), HEX64, "example.com");

  /**
   * What {@code ParseNormalizedNamed} accepts, as the canonical string, or empty when it
   * refuses. Where it would produce a reference with an empty domain (a first component
   * such as {@code a_b.c} that is a valid path but not a valid host), Ferry refuses by
   * design, so the oracle does too.
   */
  static Optional<String> oracle(String s) {
    if (s.matches("[a-f0-9]{64}")) {
      return Optional.empty();
    }
    String domain = "docker.io";
    String remainder = s;
    int slash = s.indexOf('/');
    if (slash >= 0) {
      String first = s.substring(0, slash);
      if (first.equals("index.docker.io")) {
        remainder = s.substring(slash + 1);
      } else if (first.equals("localhost") || first.contains(".") || first.contains(":")
          || !first.toLowerCase(Locale.ROOT).equals(first)) {
        domain = first;
        remainder = s.substring(slash + 1);
      }
    }
    if (domain.equals("docker.io") && !remainder.contains("/")) {
      remainder = "library/" + remainder;
    }
    int colon = remainder.indexOf(':');
    String remote = colon < 0 ? remainder : remainder.substring(0, colon);
    if (!remote.toLowerCase(Locale.ROOT).equals(remote)) {
      return Optional.empty();
    }
    Matcher reference = REFERENCE.matcher(domain + "/" + remainder);
    if (!reference.matches()) {
      return Optional.empty();
    }
    Matcher name = NAME.matcher(reference.group(1));
    if (!name.matches() || name.group(1) == null || name.group(2).length() > 255) {
      return Optional.empty();
    }
    String digest = reference.group(3);
    if (digest != null && !SUPPORTED_DIGEST.matcher(digest).matches()) {
      return Optional.empty();
    }
    return Optional.of(reference.group(0));
  }

  @Test
  void agreesWithTheDistributionGrammarOnRandomInput() {
    Random random = new Random(20_240_601L);
    int accepted = 0;
    int total = 60_000;
    for (int i = 0; i < total; i++) {
      String input = randomInput(random);
      Optional<String> expected = oracle(input);
      Optional<String> actual;
      try {
        actual = Optional.of(ImageReference.parse(input).toString());
      } catch (InvalidReferenceException e) {
        actual = Optional.empty();
      } catch (RuntimeException e) {
        throw new AssertionError("parse(\"" + input + "\") threw " + e, e);
      }
      if (!actual.equals(expected)) {
        fail("parse(\"%s\"): expected %s, got %s", input, expected, actual);
      }
      if (actual.isPresent()) {
        accepted++;
        ImageReference ref = ImageReference.parse(input);
        assertThat(ImageReference.parse(ref.toString())).isEqualTo(ref);
        assertThat(ImageReference.parse(ref.familiarString())).isEqualTo(ref);
      }
    }
    assertThat(accepted).as("enough valid inputs to make the comparison meaningful").isGreaterThan(total / 10);
  }

  @Test
  void oracleAgreesWithDistributionOnItsDocumentedCases() {
    assertThat(oracle("nginx")).contains("docker.io/library/nginx");
    assertThat(oracle("Foo/bar")).contains("Foo/bar");
    assertThat(oracle("test_com/foo")).contains("docker.io/test_com/foo");
    assertThat(oracle("[fe80::1%eth0]:5000/repo")).isEmpty();
    assertThat(oracle("a_b.com/c")).isEmpty();
  }

  private static String randomInput(Random random) {
    StringBuilder sb = new StringBuilder();
    int tokens = 1 + random.nextInt(8);
    for (int t = 0; t < tokens; t++) {
      sb.append(TOKENS.get(random.nextInt(TOKENS.size())));
    }
    return sb.toString();
  }
}
