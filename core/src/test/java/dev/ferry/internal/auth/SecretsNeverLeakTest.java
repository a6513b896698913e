package dev.ferry.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ferry.auth.Credential;
import dev.ferry.internal.http.Request;
import dev.ferry.registry.AuthenticationException;
import dev.ferry.registry.RegistryError;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Servers that echo what they were sent must not make Ferry print it. */
class SecretsNeverLeakTest extends MockRegistryFixture {
  private static final String PASSWORD = "pw-S3CRET-42";
  private static final String REFRESH = "refresh-S3CRET-42";
  private static final String TOKEN = "bearer-S3CRET-42";
  private static final String PULL = "repository:library/nginx:pull";

  private static void assertClean(Throwable t) {
    assertThat(t).isNotNull();
    for (Throwable c = t; c != null; c = c.getCause()) {
      assertThat(String.valueOf(c.getMessage())).doesNotContain("S3CRET");
      assertThat(c.toString()).doesNotContain("S3CRET");
      if (c instanceof AuthenticationException ae) {
        for (RegistryError e : ae.errors()) {
          assertThat(e.toString()).doesNotContain("S3CRET");
        }
      }
    }
  }

  private static String echo(String secret) {
    return "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"invalid credential " + secret + "\","
        + "\"detail\":\"" + secret + "\"}]}";
  }

  @Test
  void aRegistryEchoingTheBearerTokenIsWithheld() {
    enqueueChallenge(PULL);
    enqueueToken(TOKEN, 300);
    enqueue(401, echo(TOKEN), "WWW-Authenticate", bearerChallenge(PULL));
    Throwable t = catchThrowable(() -> getManifest(auth(Credential.basic("alice", PASSWORD)), List.of(Scope.pull(NGINX))));
    assertClean(t);
    assertThat(((AuthenticationException) t).errors()).singleElement()
        .satisfies(e -> assertThat(e.message()).isEqualTo(Secrets.WITHHELD));
  }

  @Test
  void aTokenServerEchoingThePasswordIsWithheld() {
    enqueueChallenge(PULL);
    enqueue(401, echo(PASSWORD));
    assertClean(catchThrowable(() -> getManifest(auth(Credential.basic("alice", PASSWORD)), List.of(Scope.pull(NGINX)))));
    enqueueChallenge(PULL);
    enqueue(500, echo(Authorization.basicHeader("alice", PASSWORD).substring(6)));
    assertClean(catchThrowable(() -> getManifest(auth(Credential.basic("alice", PASSWORD)), List.of(Scope.pull(NGINX)))));
  }

  @Test
  void aTokenServerEchoingTheRefreshTokenIsWithheld() {
    enqueueChallenge(PULL);
    enqueue(403, echo(REFRESH));
    assertClean(catchThrowable(() -> getManifest(auth(Credential.identityToken(REFRESH)), List.of(Scope.pull(NGINX)))));
  }

  @Test
  void aRegistryEchoingTheRegistryTokenIsWithheld() {
    enqueueChallenge(PULL);
    enqueue(401, echo(TOKEN), "WWW-Authenticate", bearerChallenge(PULL));
    assertClean(catchThrowable(() -> getManifest(auth(Credential.registryToken(TOKEN)), List.of(Scope.pull(NGINX)))));
  }

  @Test
  void aMalformedTokenAnswerIsNotQuoted() {
    enqueueChallenge(PULL);
    enqueue(200, "{\"token\":\"" + TOKEN + "\",");
    assertClean(catchThrowable(() -> getManifest(auth(null), List.of(Scope.pull(NGINX)))));
    enqueueChallenge(PULL);
    enqueue(200, "{\"token\":" + TOKEN + "}");
    assertClean(catchThrowable(() -> getManifest(auth(null), List.of(Scope.pull(NGINX)))));
  }

  @Test
  void aRealmWithUserInfoIsNotPrinted() {
    enqueue(401, "", "WWW-Authenticate", "Bearer realm=\"https://u:" + PASSWORD + "@auth.example/t?x=" + PASSWORD + "\"");
    assertClean(catchThrowable(() -> getManifest(auth(null), List.of(Scope.pull(NGINX)))));
    enqueue(401, "", "WWW-Authenticate", "Bearer realm=\"ht tp://u:" + PASSWORD + "@auth.example\"");
    assertClean(catchThrowable(() -> getManifest(auth(null), List.of(Scope.pull(NGINX)))));
  }

  @Test
  void internalValuesPrintNoSecrets() {
    Instant now = Instant.now();
    BearerToken token = new BearerToken(TOKEN, now, now.plusSeconds(60), REFRESH);
    List<Object> values = List.of(token, Authorization.bearer(token), Authorization.basic(
        new dev.ferry.auth.UsernamePassword("alice", PASSWORD)), Authorization.bearer(TOKEN),
        TokenKey.of("r", List.of(Scope.pull("a")), Credential.basic("alice", PASSWORD)),
        new AuthCall(Request.of("GET", uri("/v2/?token=" + TOKEN)).header("Authorization", "Bearer " + TOKEN),
            new dev.ferry.internal.http.CallContext("r", "a"), List.of(PULL), Credential.identityToken(REFRESH)),
        TokenRequests.get(uri("/token"), "s", List.of(PULL), "alice", Authorization.basicHeader("alice", PASSWORD)),
        TokenRequests.refreshTokenGrant(uri("/token"), "s", List.of(PULL), "ferry", REFRESH));
    for (Object v : values) {
      assertThat(v.toString()).as(v.getClass().getSimpleName()).doesNotContain("S3CRET");
    }
  }
}
