package dev.ferry.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ferry.auth.Credential;
import dev.ferry.registry.AuthenticationException;
import java.time.Duration;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

class RegistryAuthExpiryTest extends MockRegistryFixture {
  private static final String PULL = "repository:library/nginx:pull";

  private RegistryAuth authenticated() {
    RegistryAuth auth = auth(Credential.basic("alice", "pa55word"));
    enqueueChallenge(PULL);
    enqueueToken("tok-1", 300);
    enqueueManifest();
    assertThat(getManifest(auth, List.of(Scope.pull(NGINX))).status()).isEqualTo(200);
    next();
    next();
    next();
    return auth;
  }

  @Test
  void aTokenRefusedMidOperationIsDroppedAndTheChallengeAnsweredOnce() {
    RegistryAuth auth = authenticated();
    // revoked (or expired early) on the registry's side while still fresh for us
    enqueue(401, "", "WWW-Authenticate", bearerChallenge(PULL) + ",error=\"invalid_token\"");
    enqueueToken("tok-2", 300);
    enqueueManifest();

    assertThat(getManifest(auth, List.of(Scope.pull(NGINX))).status()).isEqualTo(200);
    assertThat(next().getHeaders().get("Authorization")).isEqualTo("Bearer tok-1");
    RecordedRequest token = next();
    assertThat(token.getUrl().queryParameterValues("scope")).containsExactly(PULL);
    assertThat(next().getHeaders().get("Authorization")).isEqualTo("Bearer tok-2");

    enqueueManifest();
    getManifest(auth, List.of(Scope.pull(NGINX)));
    assertThat(next().getHeaders().get("Authorization")).isEqualTo("Bearer tok-2");
  }

  @Test
  void aSecondRefusalMidOperationIsAnErrorNotALoop() {
    RegistryAuth auth = authenticated();
    enqueueChallenge(PULL);
    enqueueToken("tok-2", 300);
    enqueueChallenge(PULL);

    AuthenticationException e = catchThrowableOfType(AuthenticationException.class,
        () -> getManifest(auth, List.of(Scope.pull(NGINX))));
    assertThat(e.status()).isEqualTo(401);
    assertThat(e.credentialsFound()).isTrue();
    assertThat(server.getRequestCount()).isEqualTo(3 + 3);
  }

  @Test
  void aTokenNearExpiryIsReplacedBeforeItIsSent() {
    RegistryAuth auth = authenticated();
    clock.advance(Duration.ofSeconds(269)); // 300 s token, 30 s margin: still good
    enqueueManifest();
    getManifest(auth, List.of(Scope.pull(NGINX)));
    assertThat(next().getHeaders().get("Authorization")).isEqualTo("Bearer tok-1");

    clock.advance(Duration.ofSeconds(2)); // inside the margin: fetched anew, no 401 round trip
    enqueueToken("tok-2", 300);
    enqueueManifest();
    assertThat(getManifest(auth, List.of(Scope.pull(NGINX))).status()).isEqualTo(200);
    assertThat(next().getUrl().encodedPath()).isEqualTo("/token");
    assertThat(next().getHeaders().get("Authorization")).isEqualTo("Bearer tok-2");
    assertThat(server.getRequestCount()).isEqualTo(3 + 1 + 2);
  }

  @Test
  void aConfiguredMarginIsHonoured() {
    RegistryAuth auth = auth(null, AuthOptions.defaults().withExpiryMargin(0.5, Duration.ZERO));
    enqueueChallenge(PULL);
    enqueueToken("tok-1", 100);
    enqueueManifest();
    getManifest(auth, List.of(Scope.pull(NGINX)));
    clock.advance(Duration.ofSeconds(50));
    enqueueToken("tok-2", 100);
    enqueueManifest();
    getManifest(auth, List.of(Scope.pull(NGINX)));
    next();
    next();
    next();
    assertThat(next().getUrl().encodedPath()).isEqualTo("/token");
  }
}
