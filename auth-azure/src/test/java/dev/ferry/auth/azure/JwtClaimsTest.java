package dev.ferry.auth.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class JwtClaimsTest {
  @Test
  void expAndTidAreReadFromThePayloadWhateverElseItHolds() {
    JwtClaims claims = JwtClaims.of(AcrStandIn.jwt(
        "{\"nested\":{\"exp\":1},\"list\":[1,{\"tid\":\"no\"}],\"exp\":1893456000,\"tid\":\"tenant-1\"}"));

    assertThat(claims.expiry()).contains(Instant.parse("2030-01-01T00:00:00Z"));
    assertThat(claims.tenant()).contains("tenant-1");
  }

  @Test
  void missingClaimsAreEmpty() {
    JwtClaims claims = JwtClaims.of(AcrStandIn.jwt("{\"exp\":\"not a number\",\"tid\":7}"));

    assertThat(claims.expiry()).isEmpty();
    assertThat(claims.tenant()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "opaque", "a.b", "a.b.c.d", "a.%%%.c", "a.bm90IGpzb24.c", "a.WzEsMl0.c", "a.eyJleHAiOjE.c"})
  void malformedTokensAreRefusedWithAMessageThatDoesNotQuoteThem(String token) {
    assertThatThrownBy(() -> JwtClaims.of(token)).isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> assertThat(e.getMessage()).startsWith("the token"));
  }

  @Test
  void tokensPastTheLimitAreRefusedBeforeDecoding() {
    String huge = "a." + "A".repeat(JwtClaims.MAX_TOKEN_CHARS) + ".c";
    assertThatThrownBy(() -> JwtClaims.of(huge)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("longer than");
  }
}
