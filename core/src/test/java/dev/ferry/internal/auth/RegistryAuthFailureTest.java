package dev.ferry.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ferry.auth.Credential;
import dev.ferry.auth.CredentialException;
import dev.ferry.internal.http.CallContext;
import dev.ferry.internal.http.Request;
import dev.ferry.internal.http.RequestBody;
import dev.ferry.registry.AuthenticationException;
import dev.ferry.registry.RegistryError;
import dev.ferry.registry.TransportException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryAuthFailureTest extends MockRegistryFixture {
  private static final String PULL = "repository:library/nginx:pull";

  private AuthenticationException failure(RegistryAuth auth) {
    return catchThrowableOfType(AuthenticationException.class, () -> getManifest(auth, List.of(Scope.pull(NGINX))));
  }

  @Test
  void aSecondUnauthorizedCarriesEverythingAboutTheCall() {
    enqueueChallenge(PULL);
    enqueueToken("tok", 300);
    enqueueChallenge(PULL);
    AuthenticationException e = failure(auth(Credential.basic("alice", "pa55word")));
    assertThat(e.registry()).isEqualTo(REGISTRY);
    assertThat(e.repository()).contains(NGINX);
    assertThat(e.method()).contains("GET");
    assertThat(e.url()).contains(uri("/v2/library/nginx/manifests/1.27").toString());
    assertThat(e.status()).isEqualTo(401);
    assertThat(e.scope()).isEqualTo(PULL);
    assertThat(e.credentialsFound()).isTrue();
    assertThat(e.errors()).containsExactly(new RegistryError("UNAUTHORIZED", "authentication required", ""));
    assertThat(e.getMessage()).contains("GET " + uri("/v2/library/nginx/manifests/1.27"))
        .contains("registry " + REGISTRY).contains("repository " + NGINX).contains("scope \"" + PULL + "\"")
        .contains("answered 401").contains("were not accepted").contains("UNAUTHORIZED \"authentication required\"");
  }

  @Test
  void anonymousRefusalSaysNoCredentialsWereFound() {
    enqueueChallenge(PULL);
    enqueueToken("tok", 300);
    enqueueChallenge(PULL);
    AuthenticationException e = failure(auth(null));
    assertThat(e.credentialsFound()).isFalse();
    assertThat(e.getMessage()).contains("no credentials were found for " + REGISTRY);
  }

  @Test
  void forbiddenIsReportedAtOnce() {
    enqueue(403, "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"requested access to the resource is denied\"}]}");
    AuthenticationException e = failure(auth(Credential.basic("alice", "pa55word")));
    assertThat(e.status()).isEqualTo(403);
    assertThat(e.hasCode("DENIED")).isTrue();
    assertThat(e.getMessage()).contains("do not grant this access");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void theTokenServerRejectingCredentialsSaysSo() {
    enqueueChallenge(PULL);
    enqueue(401, "{\"details\":\"incorrect username or password\"}");
    AuthenticationException e = failure(auth(Credential.basic("alice", "wrong")));
    assertThat(e.getMessage()).startsWith("credentials rejected by token server " + realm())
        .contains("for scope \"" + PULL + "\"");
    assertThat(e.status()).isEqualTo(401);
    assertThat(e.url()).contains(realm());
    assertThat(e.method()).contains("GET");
    assertThat(e.credentialsFound()).isTrue();
  }

  @Test
  void theTokenServerRefusingAnonymousAccessSaysSo() {
    enqueueChallenge(PULL);
    enqueue(403, "");
    AuthenticationException e = failure(auth(null));
    assertThat(e.getMessage()).contains("refused anonymous access (403)").contains("no credentials were found");
  }

  @Test
  void anotherTokenServerStatusIsReportedWithIt() {
    enqueueChallenge(PULL);
    enqueue(500, "{\"errors\":[{\"code\":\"UNKNOWN\",\"message\":\"boom\"}]}");
    AuthenticationException e = failure(auth(null));
    assertThat(e.getMessage()).contains("answered 500 to GET");
    assertThat(e.hasCode("UNKNOWN")).isTrue();
  }

  @Test
  void malformedOrTokenlessAnswersAreExplained() {
    enqueueChallenge(PULL);
    enqueue(200, "<html>maintenance</html>");
    assertThat(failure(auth(null)).getMessage()).contains("sent no usable token").contains("not a JSON object");
    enqueueChallenge(PULL);
    enqueue(200, "{\"expires_in\":300}");
    assertThat(failure(auth(null)).getMessage()).contains("neither \"token\" nor \"access_token\"");
  }

  @Test
  void anOversizedTokenAnswerIsRefused() {
    enqueueChallenge(PULL);
    enqueue(200, "{\"token\":\"" + "a".repeat(TokenResponseParser.MAX_TOKEN_RESPONSE_BYTES) + "\"}");
    assertThat(failure(auth(null)).getMessage()).contains("larger than the limit of 1048576 bytes");
  }

  @Test
  void anUnreachableRealmIsATransportException() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    enqueue(401, "", "WWW-Authenticate", "Bearer realm=\"http://127.0.0.1:" + closedPort + "/token\",service=\"s\"");
    assertThatThrownBy(() -> getManifest(auth(null), List.of(Scope.pull(NGINX))))
        .isInstanceOf(TransportException.class).hasMessageContaining("127.0.0.1:" + closedPort + "/token");
  }

  @Test
  void aOneShotBodyCannotBeResentButTheTokenIsKeptForTheNextTry() {
    RegistryAuth auth = auth(null);
    enqueueChallenge("repository:library/nginx:pull,push");
    enqueueToken("push-tok", 300);
    Request upload = new Request("PUT", uri("/v2/library/nginx/blobs/uploads/1?digest=sha256:ab"), List.of(),
        RequestBody.streaming(new ByteArrayInputStream(new byte[] {1, 2, 3}), 3, "application/octet-stream"));
    AuthenticationException e = catchThrowableOfType(AuthenticationException.class,
        () -> send(auth, upload, List.of(Scope.pullPush(NGINX))));
    assertThat(e.getMessage()).contains("one-shot stream").contains("authenticate with a bodiless request");
    assertThat(e.status()).isEqualTo(401);

    enqueue(201, "");
    Request again = upload.withMethod("PUT", RequestBody.of(new byte[] {1, 2, 3}, "application/octet-stream"));
    assertThat(send(auth, again, List.of(Scope.pullPush(NGINX))).status()).isEqualTo(201);
    next();
    next();
    assertThat(next().getHeaders().get("Authorization")).isEqualTo("Bearer push-tok");
  }

  @Test
  void aChallengeFerryCannotAnswerIsReported() {
    enqueue(401, "");
    assertThat(failure(auth(null)).getMessage()).contains("no usable WWW-Authenticate challenge");
    enqueue(401, "", "WWW-Authenticate", "Negotiate", "WWW-Authenticate", "NTLM");
    assertThat(failure(auth(null)).getMessage()).contains("does not support: negotiate, ntlm");
  }

  @Test
  void aBearerChallengeWithoutRealmIsReported() {
    enqueue(401, "", "WWW-Authenticate", "Bearer service=\"s\"");
    AuthenticationException e = failure(auth(null));
    assertThat(e.getMessage()).contains("names no realm");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aRegistryTokenThatWouldBreakTheHeaderIsRefused() {
    enqueueChallenge(PULL);
    AuthenticationException e = failure(auth(Credential.registryToken("tok\r\nX-Evil: 1")));
    assertThat(e.getMessage()).contains("cannot be sent in an HTTP header");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aBrokenCredentialSourcePropagates() {
    RegistryAuth auth = new RegistryAuth(transport, (registry, repository) -> {
      throw new CredentialException("~/.docker/config.json is not valid JSON");
    }, clock);
    assertThatThrownBy(() -> auth.send(Request.of("GET", uri("/v2/")), new CallContext(REGISTRY, null), List.of()))
        .isInstanceOf(CredentialException.class);
    assertThat(server.getRequestCount()).isZero();
  }
}
