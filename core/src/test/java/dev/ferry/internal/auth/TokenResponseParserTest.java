package dev.ferry.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenResponseParserTest {
  private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

  private static BearerToken parse(String json) {
    return TokenResponseParser.parse(json.getBytes(StandardCharsets.UTF_8), NOW);
  }

  @Test
  void readsTheSpecExample() {
    BearerToken t = parse("{\"token\":\"eyJ0eXAi.abc.def\",\"expires_in\":3600,\"issued_at\":\"2025-03-01T11:59:30Z\"}");
    assertThat(t.value()).isEqualTo("eyJ0eXAi.abc.def");
    assertThat(t.issuedAt()).isEqualTo(Instant.parse("2025-03-01T11:59:30Z"));
    assertThat(t.expiresAt()).isEqualTo(Instant.parse("2025-03-01T12:59:30Z"));
    assertThat(t.refresh()).isEmpty();
  }

  @Test
  void acceptsAccessTokenAndPrefersTokenWhenBothAreThere() {
    assertThat(parse("{\"access_token\":\"oauth\"}").value()).isEqualTo("oauth");
    assertThat(parse("{\"access_token\":\"oauth\",\"token\":\"plain\"}").value()).isEqualTo("plain");
    assertThat(parse("{\"token\":\"\",\"access_token\":\"oauth\"}").value()).isEqualTo("oauth");
  }

  @Test
  void defaultsToSixtySecondsFromNow() {
    BearerToken t = parse("{\"token\":\"t\"}");
    assertThat(t.issuedAt()).isEqualTo(NOW);
    assertThat(t.lifetime()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void raisesShortLifetimesToSixtySeconds() {
    assertThat(parse("{\"token\":\"t\",\"expires_in\":10}").lifetime()).isEqualTo(Duration.ofSeconds(60));
    assertThat(parse("{\"token\":\"t\",\"expires_in\":0}").lifetime()).isEqualTo(Duration.ofSeconds(60));
    assertThat(parse("{\"token\":\"t\",\"expires_in\":-5}").lifetime()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void toleratesOddLifetimeTypes() {
    assertThat(parse("{\"token\":\"t\",\"expires_in\":300.9}").lifetime()).isEqualTo(Duration.ofSeconds(300));
    assertThat(parse("{\"token\":\"t\",\"expires_in\":\"900\"}").lifetime()).isEqualTo(Duration.ofSeconds(900));
    assertThat(parse("{\"token\":\"t\",\"expires_in\":\"soon\"}").lifetime()).isEqualTo(Duration.ofSeconds(60));
    assertThat(parse("{\"token\":\"t\",\"expires_in\":null}").lifetime()).isEqualTo(Duration.ofSeconds(60));
    assertThat(parse("{\"token\":\"t\",\"expires_in\":99999999999999999999999}").lifetime())
        .isEqualTo(TokenResponseParser.MAX_LIFETIME);
    assertThat(parse("{\"token\":\"t\",\"expires_in\":1e300}").lifetime()).isEqualTo(TokenResponseParser.MAX_LIFETIME);
  }

  @Test
  void readsRfc3339WithOffsetsAndFractions() {
    assertThat(parse("{\"token\":\"t\",\"expires_in\":600,\"issued_at\":\"2025-03-01T13:59:00.123456789+02:00\"}")
        .issuedAt()).isEqualTo(Instant.parse("2025-03-01T11:59:00.123456789Z"));
    assertThat(parse("{\"token\":\"t\",\"expires_in\":600,\"issued_at\":\"2025-03-01t11:59:00z\"}").issuedAt())
        .isEqualTo(Instant.parse("2025-03-01T11:59:00Z"));
  }

  @Test
  void ignoresAnIssueTimeFromASkewedClock() {
    // in the future: our clock is behind theirs
    assertThat(parse("{\"token\":\"t\",\"expires_in\":300,\"issued_at\":\"2025-03-01T12:30:00Z\"}").issuedAt())
        .isEqualTo(NOW);
    // so long ago the token would be dead on arrival: theirs is behind
    assertThat(parse("{\"token\":\"t\",\"expires_in\":300,\"issued_at\":\"2025-03-01T10:00:00Z\"}").issuedAt())
        .isEqualTo(NOW);
    assertThat(parse("{\"token\":\"t\",\"issued_at\":\"yesterday\"}").issuedAt()).isEqualTo(NOW);
    assertThat(parse("{\"token\":\"t\",\"issued_at\":42}").issuedAt()).isEqualTo(NOW);
  }

  @Test
  void keepsTheRefreshTokenButNeverPrintsIt() {
    BearerToken t = parse("{\"access_token\":\"acc-s3cret\",\"refresh_token\":\"ref-s3cret\",\"expires_in\":900}");
    assertThat(t.refresh()).contains("ref-s3cret");
    assertThat(t.toString()).doesNotContain("s3cret").contains("<redacted>");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "{\"token\":\"\"}", "{\"token\":null}", "{\"token\":42}", "{\"token\":[\"t\"]}",
      "{\"access_token\":{}}", "{\"details\":\"incorrect username or password\"}"})
  void refusesAnswersWithoutAToken(String json) {
    assertThatThrownBy(() -> parse(json)).isInstanceOf(TokenResponseException.class)
        .hasMessageContaining("neither \"token\" nor \"access_token\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "<html>gateway</html>", "[\"t\"]", "{\"token\":\"s3cret-tok", "{\"token\":s3cret}",
      "null", "{\"token\":\"a\",\"token\":\"b\"}"})
  void refusesMalformedJsonWithoutQuotingIt(String body) {
    assertThatThrownBy(() -> parse(body)).isInstanceOf(TokenResponseException.class)
        .hasMessageStartingWith("the response is not a JSON object")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
  }

  @Test
  void refusesTokensThatWouldBreakTheHeader() {
    assertThatThrownBy(() -> parse("{\"token\":\"abc\\r\\nX-Injected: 1\"}"))
        .isInstanceOf(TokenResponseException.class).hasMessageContaining("cannot be sent in an HTTP header");
    assertThatThrownBy(() -> parse("{\"token\":\"has space\"}")).isInstanceOf(TokenResponseException.class);
    assertThatThrownBy(() -> parse("{\"token\":\"caf\u00e9\"}")).isInstanceOf(TokenResponseException.class);
  }
}
