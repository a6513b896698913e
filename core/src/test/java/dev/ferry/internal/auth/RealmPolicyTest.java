package dev.ferry.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RealmPolicyTest {
  private static final URI HTTPS_REGISTRY = URI.create("https://registry.example/v2/");
  private static final URI HTTP_REGISTRY = URI.create("http://registry.example:5000/v2/");

  @Test
  void httpsRealmsAreAlwaysAllowed() {
    assertThat(RealmPolicy.refusal("https://auth.docker.io/token", HTTPS_REGISTRY)).isNull();
    assertThat(RealmPolicy.refusal("HTTPS://auth.example/token?x=1", HTTP_REGISTRY)).isNull();
  }

  @Test
  void plainHttpToAnotherHostIsRefusedWhenTheRegistryIsHttps() {
    assertThat(RealmPolicy.refusal("http://auth.example/token", HTTPS_REGISTRY))
        .contains("plain http").contains("never sends credentials");
    assertThat(RealmPolicy.refusal("http://127.0.0.1.nip.io/token", HTTPS_REGISTRY)).isNotNull();
  }

  @Test
  void plainHttpIsAllowedForAnInsecureRegistry() {
    assertThat(RealmPolicy.refusal("http://auth.example/token", HTTP_REGISTRY)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://localhost:8080/token", "http://LOCALHOST/token", "http://127.0.0.1/token",
      "http://127.8.9.10:1/t", "http://[::1]:5001/token"})
  void plainHttpToLoopbackIsRefusedWhenTheRegistryIsHttps(String realm) {
    // any local process may listen on a loopback port: clear text is clear text
    assertThat(RealmPolicy.refusal(realm, HTTPS_REGISTRY)).contains("plain http");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "ftp://auth.example/token", "/token", "auth.example/token", "https://",
      "https://user:pw@auth.example/token", "https://auth example/token", "file:///etc/passwd", "javascript:x"})
  void refusesRealmsThatAreNotUsableUrls(String realm) {
    assertThat(RealmPolicy.refusal(realm, HTTPS_REGISTRY)).isNotNull();
  }

  @Test
  void aMissingRealmIsRefused() {
    assertThat(RealmPolicy.refusal(null, HTTPS_REGISTRY)).contains("no realm");
  }
}
