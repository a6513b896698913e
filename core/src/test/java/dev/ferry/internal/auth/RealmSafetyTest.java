package dev.ferry.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ferry.auth.CredentialProvider;
import dev.ferry.auth.Credential;
import dev.ferry.internal.http.CallContext;
import dev.ferry.internal.http.Request;
import dev.ferry.internal.http.Response;
import dev.ferry.registry.AuthenticationException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An https registry whose challenge points at a plain-http realm elsewhere: no credential may go there. */
class RealmSafetyTest {
  private static final CallContext CONTEXT = new CallContext("registry.example", "org/app");

  private static ScriptedTransport registryWithRealm(String realm) {
    return new ScriptedTransport(request -> {
      if (request.uri().getHost().equals("registry.example")) {
        return request.firstHeader("Authorization").isPresent()
            ? ScriptedTransport.Canned.of(200, "ok")
            : ScriptedTransport.Canned.of(401, "", "WWW-Authenticate",
                "Bearer realm=\"" + realm + "\",service=\"registry.example\"");
      }
      return ScriptedTransport.Canned.of(200, "{\"token\":\"t\"}");
    });
  }

  private static RegistryAuth auth(ScriptedTransport transport) {
    return new RegistryAuth(transport, CredentialProvider.of("registry.example",
        Credential.basic("alice", "pa55word")), Clock.systemUTC());
  }

  @Test
  void aPlainHttpRealmOnAnotherHostIsRefusedAndNeverCalled() {
    ScriptedTransport transport = registryWithRealm("http://auth.attacker.example/token");
    AuthenticationException e = catchThrowableOfType(AuthenticationException.class,
        () -> auth(transport).send(Request.of("GET", URI.create("https://registry.example/v2/org/app/tags/list")),
            CONTEXT, List.of(Scope.pull("org/app"))));
    assertThat(e.getMessage()).contains("http://auth.attacker.example/token").contains("plain http")
        .doesNotContain("pa55word");
    assertThat(e.credentialsFound()).isTrue();
    assertThat(transport.sent).extracting(r -> r.uri().getHost()).containsOnly("registry.example");
  }

  @Test
  void anHttpsRealmOnAnotherHostIsUsed() {
    ScriptedTransport transport = registryWithRealm("https://auth.example/token");
    try (Response r = auth(transport).send(Request.of("GET", URI.create("https://registry.example/v2/org/app/tags/list")),
        CONTEXT, List.of(Scope.pull("org/app")))) {
      assertThat(r.status()).isEqualTo(200);
    }
    assertThat(transport.sent).extracting(r -> r.uri().getHost())
        .containsExactly("registry.example", "auth.example", "registry.example");
  }

  @Test
  void aPlainHttpRealmIsFineForARegistryReachedOverHttp() {
    ScriptedTransport transport = registryWithRealm("http://auth.example/token");
    try (Response r = auth(transport).send(Request.of("GET", URI.create("http://registry.example/v2/")),
        CONTEXT, List.of())) {
      assertThat(r.status()).isEqualTo(200);
    }
  }
}
