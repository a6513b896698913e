package dev.ferry.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.auth.Credential;
import dev.ferry.internal.http.Request;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

class RegistryAuthBearerTest extends MockRegistryFixture {
  private static final String PULL = "repository:library/nginx:pull";

  @Test
  void anonymousBearerFetchesATokenResendsAndThenReusesIt() {
    RegistryAuth auth = auth(null);
    enqueueChallenge(PULL);
    enqueueToken("anon-tok", 300);
    enqueueManifest();

    assertThat(getManifest(auth, List.of(Scope.pull(NGINX)))).isEqualTo(new Sent(200, "{\"schemaVersion\":2}"));

    RecordedRequest first = next();
    assertThat(first.getHeaders().get("Authorization")).isNull();
    RecordedRequest token = next();
    assertThat(token.getMethod()).isEqualTo("GET");
    assertThat(token.getUrl().encodedPath()).isEqualTo("/token");
    assertThat(token.getUrl().queryParameter("service")).isEqualTo(SERVICE);
    assertThat(token.getUrl().queryParameterValues("scope")).containsExactly(PULL);
    assertThat(token.getUrl().queryParameter("account")).isNull();
    assertThat(token.getHeaders().get("Authorization")).isNull();
    assertThat(next().getHeaders().get("Authorization")).isEqualTo("Bearer anon-tok");

    enqueueManifest();
    assertThat(getManifest(auth, List.of(Scope.pull(NGINX))).status()).isEqualTo(200);
    assertThat(next().getHeaders().get("Authorization")).isEqualTo("Bearer anon-tok");
    assertThat(server.getRequestCount()).isEqualTo(4);
  }

  @Test
  void usernameAndPasswordGoToTheTokenServerAsBasicWithAccount() {
    RegistryAuth auth = auth(Credential.basic("alice", "pa55word"));
    enqueueChallenge(PULL);
    enqueueToken("user-tok", 300);
    enqueueManifest();

    assertThat(getManifest(auth, List.of(Scope.pull(NGINX))).status()).isEqualTo(200);
    next();
    RecordedRequest token = next();
    assertThat(token.getMethod()).isEqualTo("GET");
    assertThat(token.getHeaders().get("Authorization")).isEqualTo(basic("alice", "pa55word"));
    assertThat(token.getUrl().queryParameter("account")).isEqualTo("alice");
    assertThat(next().getHeaders().get("Authorization")).isEqualTo("Bearer user-tok");
  }

  @Test
  void identityTokenIsExchangedWithAnOAuth2Post() {
    RegistryAuth auth = auth(Credential.identityToken("refresh-me"));
    enqueueChallenge(PULL);
    enqueue(200, "{\"access_token\":\"oauth-tok\",\"expires_in\":900,\"scope\":\"" + PULL + "\"}");
    enqueueManifest();

    assertThat(getManifest(auth, List.of(Scope.pull(NGINX))).status()).isEqualTo(200);
    next();
    RecordedRequest post = next();
    assertThat(post.getMethod()).isEqualTo("POST");
    assertThat(post.getUrl().encodedPath()).isEqualTo("/token");
    assertThat(post.getHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
    assertThat(post.getHeaders().get("Authorization")).isNull();
    assertThat(body(post)).isEqualTo("grant_type=refresh_token&service=" + SERVICE + "&client_id=ferry"
        + "&scope=repository%3Alibrary%2Fnginx%3Apull&refresh_token=refresh-me");
    assertThat(next().getHeaders().get("Authorization")).isEqualTo("Bearer oauth-tok");
  }

  @Test
  void aTokenServerWithoutOAuth2GetsTheGetWithBasicInstead() {
    RegistryAuth auth = auth(Credential.identityToken("refresh-me"));
    enqueueChallenge(PULL);
    enqueue(404, "not found");
    enqueueToken("get-tok", 300);
    enqueueManifest();

    assertThat(getManifest(auth, List.of(Scope.pull(NGINX))).status()).isEqualTo(200);
    next();
    assertThat(next().getMethod()).isEqualTo("POST");
    RecordedRequest get = next();
    assertThat(get.getMethod()).isEqualTo("GET");
    assertThat(get.getHeaders().get("Authorization")).isEqualTo(basic("<token>", "refresh-me"));
    assertThat(get.getUrl().queryParameterValues("scope")).containsExactly(PULL);
    assertThat(next().getHeaders().get("Authorization")).isEqualTo("Bearer get-tok");
  }

  @Test
  void thePasswordGrantIsUsedWhenAskedForAndFallsBackOn405() {
    RegistryAuth auth = auth(Credential.basic("alice", "pa55word"), AuthOptions.defaults()
        .withOAuthPasswordGrant(true).withClientId("my-tool"));
    enqueueChallenge(PULL);
    enqueue(405, "");
    enqueueToken("get-tok", 300);
    enqueueManifest();

    assertThat(getManifest(auth, List.of(Scope.pull(NGINX))).status()).isEqualTo(200);
    next();
    RecordedRequest post = next();
    assertThat(body(post)).isEqualTo("grant_type=password&service=" + SERVICE + "&client_id=my-tool"
        + "&scope=repository%3Alibrary%2Fnginx%3Apull&username=alice&password=pa55word");
    assertThat(next().getHeaders().get("Authorization")).isEqualTo(basic("alice", "pa55word"));
    assertThat(next().getHeaders().get("Authorization")).isEqualTo("Bearer get-tok");
  }

  @Test
  void aRegistryTokenIsSentAsItIsWithoutExchange() {
    RegistryAuth auth = auth(Credential.registryToken("reg-tok"));
    enqueueChallenge(PULL);
    enqueueManifest();
    enqueueManifest();

    assertThat(getManifest(auth, List.of(Scope.pull(NGINX))).status()).isEqualTo(200);
    assertThat(getManifest(auth, List.of(Scope.pull(NGINX))).status()).isEqualTo(200);
    assertThat(next().getHeaders().get("Authorization")).isNull();
    assertThat(next().getHeaders().get("Authorization")).isEqualTo("Bearer reg-tok");
    assertThat(next().getHeaders().get("Authorization")).isEqualTo("Bearer reg-tok"); // known Bearer: sent at once
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void theChallengesOwnScopeIsAskedForFirst() {
    RegistryAuth auth = auth(null);
    // a cross-repository mount: the registry wants pull on the source too
    enqueueChallenge("repository:library/source:pull repository:library/nginx:pull,push");
    enqueueToken("mount-tok", 300);
    enqueue(201, "");

    Sent sent = send(auth, Request.of("POST", uri("/v2/library/nginx/blobs/uploads/?mount=sha256:ab&from=library/source")),
        List.of(Scope.pullPush(NGINX)));
    assertThat(sent.status()).isEqualTo(201);
    next();
    assertThat(next().getUrl().queryParameterValues("scope")).containsExactly(
        "repository:library/source:pull", "repository:library/nginx:pull,push");
  }

  @Test
  void aRegistryKnownToWantBearerGetsItsTokenBeforeTheFirstRequestOfANewScope() {
    RegistryAuth auth = auth(null);
    enqueueChallenge(PULL);
    enqueueToken("nginx-tok", 300);
    enqueueManifest();
    getManifest(auth, List.of(Scope.pull(NGINX)));
    next();
    next();
    next();

    enqueueToken("redis-tok", 300);
    enqueueManifest();
    Sent sent = send(auth, Request.of("GET", uri("/v2/library/redis/manifests/7")), List.of(Scope.pull("library/redis")));
    assertThat(sent.status()).isEqualTo(200);
    assertThat(next().getUrl().queryParameterValues("scope")).containsExactly("repository:library/redis:pull");
    RecordedRequest manifest = next();
    assertThat(manifest.getUrl().encodedPath()).isEqualTo("/v2/library/redis/manifests/7");
    assertThat(manifest.getHeaders().get("Authorization")).isEqualTo("Bearer redis-tok");
  }

  @Test
  void bearerIsPreferredWhenBothSchemesAreOffered() {
    RegistryAuth auth = auth(Credential.basic("alice", "pa55word"));
    enqueue(401, "", "WWW-Authenticate", "Basic realm=\"r\"", "WWW-Authenticate", bearerChallenge(PULL));
    enqueueToken("tok", 300);
    enqueueManifest();

    assertThat(getManifest(auth, List.of(Scope.pull(NGINX))).status()).isEqualTo(200);
    next();
    assertThat(next().getUrl().encodedPath()).isEqualTo("/token");
    assertThat(next().getHeaders().get("Authorization")).isEqualTo("Bearer tok");
  }

  @Test
  void aCallerSuppliedAuthorizationIsReplaced() {
    RegistryAuth auth = auth(null);
    enqueueManifest();
    Request request = Request.of("GET", uri("/v2/")).header("Authorization", "Bearer stale");
    assertThat(send(auth, request, List.of()).status()).isEqualTo(200);
    assertThat(next().getHeaders().get("Authorization")).isNull();
  }
}
