package dev.ferry.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.auth.Credential;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class HeldSecretsTest {
  private static final String PASSWORD = "p@ss w0rd/+?";

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static BearerToken token(String value, String refresh) {
    Instant now = Instant.now();
    return new BearerToken(value, now, now.plusSeconds(60), refresh);
  }

  @Test
  void aPasswordIsWithheldInEveryFormAServerMayEchoIt() {
    HeldSecrets held = new HeldSecrets();
    held.hold(Credential.basic("alice", PASSWORD));

    for (String echo : new String[] {PASSWORD, b64(PASSWORD), b64(PASSWORD).replace("=", ""),
        Base64.getUrlEncoder().encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8)),
        URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8), b64("alice:" + PASSWORD)}) {
      assertThat(held.scrub("invalid credential [" + echo + "]")).as(echo).isEqualTo(Secrets.WITHHELD);
    }
    assertThat(held.scrub("manifest unknown")).isEqualTo("manifest unknown");
  }

  @Test
  void identityTokensAndMintedTokensAreWithheldWithTheirRefreshTokens() {
    HeldSecrets held = new HeldSecrets();
    held.hold(Credential.identityToken("identity-1"));
    held.hold(token("minted-2", "refresh-3"));

    assertThat(held.scrub("x identity-1")).isEqualTo(Secrets.WITHHELD);
    assertThat(held.scrub("x " + b64("<token>:identity-1"))).isEqualTo(Secrets.WITHHELD);
    assertThat(held.scrub("Bearer minted-2")).isEqualTo(Secrets.WITHHELD);
    assertThat(held.scrub("refresh_token=refresh-3")).isEqualTo(Secrets.WITHHELD);
    assertThat(held).hasToString("HeldSecrets[<redacted>]");
  }

  @Test
  void theLeastRecentlyUsedSecretIsForgottenPastTheBound() {
    HeldSecrets held = new HeldSecrets();
    held.hold(Credential.registryToken("kept-token"));
    held.hold(token("first-token", "first-refresh"));
    for (int i = 0; i < HeldSecrets.MAX_HELD; i++) {
      held.hold(Credential.registryToken("kept-token")); // in use: stays
      held.hold(token("later-token-" + i, "later-refresh-" + i));
    }

    assertThat(held.scrub("first-token")).isEqualTo("first-token");
    assertThat(held.scrub("kept-token")).isEqualTo(Secrets.WITHHELD);
    assertThat(held.scrub("later-token-" + (HeldSecrets.MAX_HELD - 1))).isEqualTo(Secrets.WITHHELD);
    assertThat(held.forms().size()).isLessThanOrEqualTo(HeldSecrets.MAX_HELD * 4);
  }
}
