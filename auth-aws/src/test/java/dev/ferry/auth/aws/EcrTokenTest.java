package dev.ferry.auth.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.auth.Credential;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class EcrTokenTest {
  private static final String REGISTRY = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void decodesUserAndPasswordAtTheFirstColon() {
    Credential c = EcrToken.decode(b64("AWS:eyJwYXlsb2FkIjoi:with:colons"), REGISTRY);
    assertThat(c).isEqualTo(Credential.basic("AWS", "eyJwYXlsb2FkIjoi:with:colons"));
    assertThat(c.toString()).doesNotContain("eyJwYXlsb2FkIjoi");
  }

  @Test
  void refusesTokenThatIsNotBase64WithoutQuotingIt() {
    String token = "AWS:secret-part-!!";
    assertThatThrownBy(() -> EcrToken.decode(token, REGISTRY))
        .isInstanceOfSatisfying(EcrCredentialException.class, e -> {
          assertThat(e.registry()).isEqualTo(REGISTRY);
          assertThat(e.errorCode()).isEmpty();
        })
        .hasMessageContaining(REGISTRY).hasMessageContaining("not base64")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret").doesNotContain("!"));
  }

  @Test
  void refusesTokenWithoutColonOrWithEmptyParts() {
    for (String raw : new String[] {"AWSsecretpassword", ":secretpassword", "AWS:"}) {
      assertThatThrownBy(() -> EcrToken.decode(b64(raw), REGISTRY))
          .isInstanceOf(EcrCredentialException.class)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secretpassword").doesNotContain(b64(raw)));
    }
  }

  @Test
  void refusesOversizedToken() {
    String huge = b64("AWS:" + "x".repeat(EcrToken.MAX_TOKEN_CHARS));
    assertThatThrownBy(() -> EcrToken.decode(huge, REGISTRY))
        .isInstanceOf(EcrCredentialException.class).hasMessageContaining("longer than");
  }

  @Test
  void toStringNamesExpiryNotSecret() {
    EcrToken t = new EcrToken(Credential.basic("AWS", "hunter2-token"), Instant.ofEpochSecond(43200));
    assertThat(t.toString()).doesNotContain("hunter2").contains("1970-01-01T12:00:00Z");
  }
}
