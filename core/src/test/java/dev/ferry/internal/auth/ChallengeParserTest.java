package dev.ferry.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChallengeParserTest {
  private static Challenge only(String header) {
    List<Challenge> all = ChallengeParser.parse(header);
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  @Test
  void readsDockerHubBearerChallenge() {
    Challenge c = only("Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
        + "scope=\"repository:library/nginx:pull\"");
    assertThat(c.scheme()).isEqualTo("bearer");
    assertThat(c.params()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "realm", "https://auth.docker.io/token",
        "service", "registry.docker.io",
        "scope", "repository:library/nginx:pull"));
    assertThat(c.token68()).isNull();
  }

  @Test
  void readsGhcrQuayHarborAcrArtifactRegistryAndGitlab() {
    assertThat(only("Bearer realm=\"https://ghcr.io/token\",service=\"ghcr.io\",scope=\"repository:o/i:pull\"")
        .param("realm")).contains("https://ghcr.io/token");
    assertThat(only("Bearer realm=\"https://quay.io/v2/auth\",service=\"quay.io\",scope=\"repository:org/r:pull\"")
        .param("service")).contains("quay.io");
    assertThat(only("Bearer realm=\"https://harbor.example.com/service/token\",service=\"harbor-registry\","
        + "scope=\"repository:library/app:pull,push\"").param("scope")).contains("repository:library/app:pull,push");
    Challenge acr = only("Bearer realm=\"https://reg.azurecr.io/oauth2/token\",service=\"reg.azurecr.io\","
        + "scope=\"repository:app:pull\",error=\"invalid_token\"");
    assertThat(acr.param("error")).contains("invalid_token");
    assertThat(only("Bearer realm=\"https://us-docker.pkg.dev/v2/token\",service=\"us-docker.pkg.dev\"")
        .params()).hasSize(2);
    assertThat(only("Bearer realm=\"https://gitlab.com/jwt/auth\",service=\"container_registry\","
        + "scope=\"repository:group/project:pull\"").param("service")).contains("container_registry");
  }

  @Test
  void readsEcrAndRegistryTwoBasicChallenges() {
    Challenge ecr = only("Basic realm=\"https://123456789012.dkr.ecr.us-east-1.amazonaws.com/\","
        + "service=\"ecr.amazonaws.com\"");
    assertThat(ecr.is("basic")).isTrue();
    assertThat(ecr.param("service")).contains("ecr.amazonaws.com");
    assertThat(only("Basic realm=\"Registry Realm\"").param("realm")).contains("Registry Realm");
  }

  @Test
  void lowercasesSchemeAndParamNamesButKeepsValues() {
    Challenge c = only("BEARER Realm=\"https://Auth.Example/Token\",SERVICE=Reg");
    assertThat(c.scheme()).isEqualTo("bearer");
    assertThat(c.params()).containsOnlyKeys("realm", "service");
    assertThat(c.param("REALM")).contains("https://Auth.Example/Token");
    assertThat(c.param("service")).contains("Reg");
  }

  @Test
  void unescapesQuotedStringsAndKeepsCommasInside() {
    Challenge c = only("Bearer realm=\"https://a/t\",scope=\"repository:x:pull,push\","
        + "note=\"say \\\"hi\\\", then \\\\ leave\"");
    assertThat(c.param("scope")).contains("repository:x:pull,push");
    assertThat(c.param("note")).contains("say \"hi\", then \\ leave");
  }

  @Test
  void keepsEmptyValues() {
    Challenge c = only("Bearer realm=\"\",service=\"\"");
    assertThat(c.param("realm")).contains("");
    assertThat(c.param("service")).contains("");
  }

  @Test
  void readsSeveralChallengesInOneLine() {
    List<Challenge> all = ChallengeParser.parse(
        "Basic realm=\"basic\", Bearer realm=\"https://a/token\", service=\"s\", Negotiate");
    assertThat(all).extracting(Challenge::scheme).containsExactly("basic", "bearer", "negotiate");
    assertThat(all.get(0).params()).containsExactlyEntriesOf(Map.of("realm", "basic"));
    assertThat(all.get(1).params()).containsOnlyKeys("realm", "service");
    assertThat(all.get(2).params()).isEmpty();
  }

  @Test
  void readsChallengesAcrossHeaderLines() {
    List<Challenge> all = ChallengeParser.parse(List.of("Basic realm=\"r\"", "Bearer realm=\"https://a/t\""));
    assertThat(all).extracting(Challenge::scheme).containsExactly("basic", "bearer");
  }

  @Test
  void readsToken68() {
    Challenge c = only("Basic abc+/9==");
    assertThat(c.token68()).isEqualTo("abc+/9==");
    assertThat(c.params()).isEmpty();
    List<Challenge> two = ChallengeParser.parse("Negotiate YII=, Bearer realm=\"https://a/t\"");
    assertThat(two.get(0).token68()).isEqualTo("YII=");
    assertThat(two.get(1).param("realm")).contains("https://a/t");
  }

  @Test
  void toleratesWhitespaceVariations() {
    Challenge c = only("  Bearer   realm = \"https://a/t\" ,\tservice=\t\"s\" ,, scope=\"x\"  ");
    assertThat(c.params()).containsExactlyInAnyOrderEntriesOf(Map.of("realm", "https://a/t", "service", "s",
        "scope", "x"));
  }

  @Test
  void acceptsUnquotedValuesAndAMissingComma() {
    Challenge c = only("Bearer realm=https://auth.example/token service=\"reg\"");
    assertThat(c.param("realm")).contains("https://auth.example/token");
    assertThat(c.param("service")).contains("reg");
  }

  @Test
  void keepsTheFirstOfRepeatedParams() {
    assertThat(only("Bearer realm=\"https://first\",realm=\"https://second\"").param("realm"))
        .contains("https://first");
  }

  @Test
  void unterminatedQuoteEndsTheLineButKeepsWhatCameBefore() {
    Challenge c = only("Bearer realm=\"https://a/t\",service=\"unterminated, scope=x, Basic realm=y");
    assertThat(c.params()).containsExactlyEntriesOf(Map.of("realm", "https://a/t"));
  }

  @Test
  void skipsParamsWithoutAScheme() {
    List<Challenge> all = ChallengeParser.parse("realm=\"x\", Bearer realm=\"https://a/t\"");
    assertThat(all).singleElement().satisfies(c -> assertThat(c.param("realm")).contains("https://a/t"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", ",,,", "=", "\"", "\"unterminated", "@@@ ###", "=\"x\"", "Bearer realm=\"",
      "Bearer =\"x\"", "Bearer realm==", "\u0000\u0001", "Bearer ,,, realm", "\\\"\\\"", "Basic realm=\"a\\"})
  void neverThrowsOnJunk(String header) {
    assertThatCode(() -> ChallengeParser.parse(header)).doesNotThrowAnyException();
  }

  @Test
  void junkBeforeARealChallengeIsSkipped() {
    List<Challenge> all = ChallengeParser.parse("@@@, Bearer realm=\"https://a/t\"");
    assertThat(all).extracting(Challenge::scheme).containsExactly("bearer");
  }

  @Test
  void randomInputNeverThrowsAndAlwaysEnds() {
    Random random = new Random(7235);
    String alphabet = "Bearer Basic realm=\"\\,;= \t\u00e9x";
    for (int n = 0; n < 20_000; n++) {
      StringBuilder sb = new StringBuilder();
      int length = random.nextInt(40);
      for (int i = 0; i < length; i++) {
        sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String header = sb.toString();
      assertThatCode(() -> ChallengeParser.parse(header)).as(header).doesNotThrowAnyException();
    }
  }

  @Test
  void parsesAHugeHeaderInLinearTime() {
    String header = "Bearer " + "a=\"b\",".repeat(100_000) + "realm=\"https://a/t\"";
    long start = System.nanoTime();
    Challenge c = only(header);
    assertThat(c.param("realm")).contains("https://a/t");
    assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
  }
}
