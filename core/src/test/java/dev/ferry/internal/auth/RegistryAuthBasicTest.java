package dev.ferry.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ferry.auth.Credential;
import dev.ferry.registry.AuthenticationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryAuthBasicTest extends MockRegistryFixture {
  private static final String BASIC = "Basic realm=\"Registry Realm\"";
  private static final String DENIED = "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}";

  @Test
  void answersBasicAndThenSendsItUpFront() {
    RegistryAuth auth = auth(Credential.basic("alice", "pa55word"));
    enqueue(401, DENIED, "WWW-Authenticate", BASIC);
    enqueueManifest();
    enqueueManifest();

    assertThat(getManifest(auth, List.of(Scope.pull(NGINX))).status()).isEqualTo(200);
    assertThat(getManifest(auth, List.of(Scope.pull("library/other"))).status()).isEqualTo(200);

    assertThat(next().getHeaders().get("Authorization")).isNull();
    assertThat(next().getHeaders().get("Authorization")).isEqualTo(basic("alice", "pa55word"));
    assertThat(next().getHeaders().get("Authorization")).isEqualTo(basic("alice", "pa55word"));
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void answersAnEcrStyleBasicChallenge() {
    RegistryAuth auth = auth(Credential.basic("AWS", "ecr-pa55"));
    enqueue(401, "Not Authorized", "WWW-Authenticate",
        "Basic realm=\"https://123456789012.dkr.ecr.us-east-1.amazonaws.com/\",service=\"ecr.amazonaws.com\"");
    enqueueManifest();
    assertThat(getManifest(auth, List.of(Scope.pull(NGINX))).status()).isEqualTo(200);
    next();
    assertThat(next().getHeaders().get("Authorization")).isEqualTo(basic("AWS", "ecr-pa55"));
  }

  @Test
  void basicWithoutCredentialsSaysNoneWereFound() {
    enqueue(401, DENIED, "WWW-Authenticate", BASIC);
    AuthenticationException e = catchThrowableOfType(AuthenticationException.class,
        () -> getManifest(auth(null), List.of(Scope.pull(NGINX))));
    assertThat(e.getMessage()).contains("no credentials were found for " + REGISTRY).contains("Basic");
    assertThat(e.credentialsFound()).isFalse();
    assertThat(e.status()).isEqualTo(401);
    assertThat(e.hasCode("UNAUTHORIZED")).isTrue();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void basicWithATokenCredentialSaysWhichKindWasFound() {
    enqueue(401, DENIED, "WWW-Authenticate", BASIC);
    AuthenticationException e = catchThrowableOfType(AuthenticationException.class,
        () -> getManifest(auth(Credential.identityToken("refresh-me")), List.of(Scope.pull(NGINX))));
    assertThat(e.getMessage()).contains("IdentityToken").contains("Basic auth cannot use");
    assertThat(e.credentialsFound()).isTrue();
  }

  @Test
  void aWrongPasswordIsReportedAfterOneResend() {
    enqueue(401, DENIED, "WWW-Authenticate", BASIC);
    enqueue(401, DENIED, "WWW-Authenticate", BASIC);
    AuthenticationException e = catchThrowableOfType(AuthenticationException.class,
        () -> getManifest(auth(Credential.basic("alice", "wrong")), List.of(Scope.pull(NGINX))));
    assertThat(e.getMessage()).contains("were not accepted");
    assertThat(e.credentialsFound()).isTrue();
    assertThat(e.status()).isEqualTo(401);
    assertThat(e.scope()).isEqualTo("repository:library/nginx:pull");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aRefusedUpFrontBasicIsNotSentTwice() {
    RegistryAuth auth = auth(Credential.basic("alice", "pa55word"));
    enqueue(401, DENIED, "WWW-Authenticate", BASIC);
    enqueueManifest();
    getManifest(auth, List.of(Scope.pull(NGINX)));
    // the password was changed meanwhile: the up-front Basic is refused with the same challenge
    enqueue(401, DENIED, "WWW-Authenticate", BASIC);
    AuthenticationException e = catchThrowableOfType(AuthenticationException.class,
        () -> getManifest(auth, List.of(Scope.pull(NGINX))));
    assertThat(e.status()).isEqualTo(401);
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aRegistryThatSwitchesFromBasicToBearerIsFollowed() {
    RegistryAuth auth = auth(Credential.basic("alice", "pa55word"));
    enqueue(401, DENIED, "WWW-Authenticate", BASIC);
    enqueueManifest();
    getManifest(auth, List.of(Scope.pull(NGINX)));
    enqueueChallenge("repository:library/nginx:pull");
    enqueueToken("tok", 300);
    enqueueManifest();
    assertThat(getManifest(auth, List.of(Scope.pull(NGINX))).status()).isEqualTo(200);
    next();
    next();
    assertThat(next().getHeaders().get("Authorization")).isEqualTo(basic("alice", "pa55word"));
    assertThat(next().getUrl().encodedPath()).isEqualTo("/token");
    assertThat(next().getHeaders().get("Authorization")).isEqualTo("Bearer tok");
  }
}
