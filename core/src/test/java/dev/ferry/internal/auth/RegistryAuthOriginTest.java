package dev.ferry.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.auth.Credential;
import dev.ferry.auth.CredentialProvider;
import dev.ferry.internal.http.CallContext;
import dev.ferry.internal.http.Request;
import dev.ferry.internal.http.Response;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Credentials bound to the registry's origin: any other origin gets a request without them. */
class RegistryAuthOriginTest {
  private static final CallContext CONTEXT = new CallContext("registry.example", "org/app");
  private static final URI ORIGIN = URI.create("https://registry.example/v2/");

  private final AtomicInteger lookups = new AtomicInteger();
  private final CredentialProvider counting = (registry, repository) -> {
    lookups.incrementAndGet();
    return CredentialProvider.of("registry.example", Credential.basic("alice", "pa55word"))
        .credentialFor(registry, repository);
  };

  private final ScriptedTransport transport = new ScriptedTransport(request ->
      ScriptedTransport.Canned.of(401, "", "WWW-Authenticate", "Basic realm=\"anywhere\""));

  @Test
  void aRequestToAnotherOriginGoesWithoutCredentialsAndItsChallengeIsNotAnswered() {
    RegistryAuth auth = new RegistryAuth(transport, counting, Clock.systemUTC());
    for (String elsewhere : List.of("http://registry.example/v2/x", "https://registry.example:8443/v2/x",
        "https://cdn.example/v2/x")) {
      Request request = Request.of("GET", URI.create(elsewhere)).header("Authorization", "Basic c3RhbGU=");

      try (Response response = auth.send(request, CONTEXT, List.of(Scope.pull("org/app")), ORIGIN)) {
        assertThat(response.status()).as(elsewhere).isEqualTo(401);
      }
    }

    assertThat(transport.sent).hasSize(3).allSatisfy(r -> assertThat(r.firstHeader("Authorization")).isEmpty());
    assertThat(lookups).hasValue(0);
  }

  @Test
  void theRegistrysOwnOriginIsAnsweredWithItsCredential() {
    ScriptedTransport registry = new ScriptedTransport(request -> request.firstHeader("Authorization").isPresent()
        ? ScriptedTransport.Canned.of(200, "ok")
        : ScriptedTransport.Canned.of(401, "", "WWW-Authenticate", "Basic realm=\"registry\""));
    RegistryAuth auth = new RegistryAuth(registry, counting, Clock.systemUTC());

    try (Response response = auth.send(Request.of("GET", URI.create("https://REGISTRY.example:443/v2/org/app/tags/list")),
        CONTEXT, List.of(Scope.pull("org/app")), ORIGIN)) {
      assertThat(response.status()).isEqualTo(200);
    }
    assertThat(registry.sent.get(1).firstHeader("Authorization")).isPresent();
  }
}
