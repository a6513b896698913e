package dev.ferry.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.it.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Basic and Bearer token auth on the wire: challenges, error JSON, scopes, the token endpoint's two flows, expiry. */
class AuthProtocolTest {
  private static final Pattern TOKEN = Pattern.compile("\"access_token\":\"([^\"]+)\"");
  private static final Pattern REFRESH = Pattern.compile("\"refresh_token\":\"([^\"]+)\"");

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static String group(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    assertThat(m.find()).as("%s in %s", pattern, text).isTrue();
    return m.group(1);
  }

  private static String token(RawHttp http, String query, String... headers) throws IOException {
    RawHttp.Reply reply = http.send("GET", "/token?" + query, headers);
    assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    return group(TOKEN, reply.text());
  }

  private static String form(String... pairs) {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < pairs.length; i += 2) {
      body.append(body.length() == 0 ? "" : "&").append(pairs[i]).append('=')
          .append(java.net.URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
    }
    return body.toString();
  }

  private static RawHttp.Reply post(RawHttp http, String form) throws IOException {
    return http.send("POST", "/token", form.getBytes(StandardCharsets.UTF_8),
        "Content-Type", "application/x-www-form-urlencoded");
  }

  @Test
  void basicAuthChallengesWithoutCredentialsRefusesWrongOnesAndDeniesMissingGrants() throws IOException {
    try (EmbeddedRegistry registry = EmbeddedRegistry.builder().basicAuth()
        .user("alice", "pw-a").user("reader", "pw-r", "team/*", "pull").start()) {
      TestImages.image().push(registry, "team/app:1");
      RawHttp http = new RawHttp(registry);

      RawHttp.Reply anonymous = http.send("GET", "/v2/");
      RawHttp.Reply wrong = http.send("GET", "/v2/team/app/manifests/1", "Authorization", basic("alice", "nope"));
      RawHttp.Reply alice = http.send("GET", "/v2/team/app/manifests/1", "Authorization", basic("alice", "pw-a"));
      RawHttp.Reply readerPull = http.send("HEAD", "/v2/team/app/manifests/1", "Authorization", basic("reader", "pw-r"));
      RawHttp.Reply readerPush = http.send("POST", "/v2/team/app/blobs/uploads/", "Authorization",
          basic("reader", "pw-r"));
      RawHttp.Reply readerElsewhere = http.send("GET", "/v2/other/tags/list", "Authorization", basic("reader", "pw-r"));

      assertThat(anonymous.status()).isEqualTo(401);
      assertThat(anonymous.header("WWW-Authenticate")).hasValueSatisfying(c -> assertThat(c).startsWith("Basic realm="));
      assertThat(anonymous.text()).contains("\"code\":\"UNAUTHORIZED\"");
      assertThat(wrong.status()).isEqualTo(401);
      assertThat(alice.status()).isEqualTo(200);
      assertThat(readerPull.status()).isEqualTo(200);
      assertThat(readerPush.status()).isEqualTo(403);
      assertThat(readerPush.header("WWW-Authenticate")).isEmpty();
      assertThat(readerPush.text()).contains("\"code\":\"DENIED\"").contains("repository:team/app:pull,push");
      assertThat(readerElsewhere.status()).isEqualTo(403);
      assertThat(registry.requests()).filteredOn(c -> c.status() == 401).allMatch(c -> c.path().startsWith("/v2/"));
    }
  }

  @Test
  void basicAuthLetsAnonymousCallersPullWhereAllowedOnly() throws IOException {
    try (EmbeddedRegistry registry = EmbeddedRegistry.builder().basicAuth().user("alice", "pw")
        .anonymousPull("public/*").start()) {
      TestImages.image().push(registry, "public/app:1");
      TestImages.image().push(registry, "private/app:1");
      RawHttp http = new RawHttp(registry);

      assertThat(http.send("GET", "/v2/public/app/manifests/1").status()).isEqualTo(200);
      assertThat(http.send("GET", "/v2/private/app/manifests/1").status()).isEqualTo(401);
      assertThat(http.send("POST", "/v2/public/app/blobs/uploads/").status()).isEqualTo(401);
    }
  }

  @Test
  void tokenAuthChallengesWithRealmServiceAndTheScopeTheRequestNeeds() throws IOException {
    try (EmbeddedRegistry registry = EmbeddedRegistry.builder().tokenAuth().user("alice", "pw").start()) {
      RawHttp http = new RawHttp(registry);

      RawHttp.Reply ping = http.send("GET", "/v2/");
      RawHttp.Reply pull = http.send("GET", "/v2/demo/app/manifests/1");
      RawHttp.Reply push = http.send("POST", "/v2/demo/app/blobs/uploads/");
      RawHttp.Reply delete = http.send("DELETE", "/v2/demo/app/manifests/sha256:" + "0".repeat(64));
      RawHttp.Reply catalog = http.send("GET", "/v2/_catalog");
      RawHttp.Reply basicToRegistry = http.send("GET", "/v2/", "Authorization", basic("alice", "pw"));

      String realm = "Bearer realm=\"" + registry.url() + "/token\",service=\"" + registry.address() + "\"";
      assertThat(ping.status()).isEqualTo(401);
      assertThat(ping.header("WWW-Authenticate")).contains(realm);
      assertThat(pull.header("WWW-Authenticate")).contains(realm + ",scope=\"repository:demo/app:pull\"");
      assertThat(push.header("WWW-Authenticate")).contains(realm + ",scope=\"repository:demo/app:pull,push\"");
      assertThat(delete.header("WWW-Authenticate")).contains(realm + ",scope=\"repository:demo/app:delete\"");
      assertThat(catalog.header("WWW-Authenticate")).contains(realm + ",scope=\"registry:catalog:*\"");
      assertThat(pull.text()).contains("\"code\":\"UNAUTHORIZED\"");
      assertThat(basicToRegistry.status()).isEqualTo(401);
    }
  }

  @Test
  void aTokenOpensOnlyTheScopesItWasGranted() throws IOException {
    try (EmbeddedRegistry registry = EmbeddedRegistry.builder().tokenAuth().user("alice", "pw")
        .user("reader", "pw-r", "a", "pull").start()) {
      TestImages.image().push(registry, "a:1");
      TestImages.image().push(registry, "b:1");
      RawHttp http = new RawHttp(registry);
      String service = "service=" + registry.address();

      String forA = token(http, service + "&scope=repository:a:pull", "Authorization", basic("alice", "pw"));
      String forBoth = token(http, service + "&scope=repository:a:pull&scope=repository:b:pull,push",
          "Authorization", basic("alice", "pw"));
      RawHttp.Reply readerGrant = http.send("GET", "/token?" + service + "&scope=repository:a:pull,push",
          "Authorization", basic("reader", "pw-r"));
      String reader = group(TOKEN, readerGrant.text());

      assertThat(http.send("GET", "/v2/a/manifests/1", "Authorization", "Bearer " + forA).status()).isEqualTo(200);
      RawHttp.Reply other = http.send("GET", "/v2/b/manifests/1", "Authorization", "Bearer " + forA);
      assertThat(other.status()).isEqualTo(401);
      assertThat(other.header("WWW-Authenticate")).hasValueSatisfying(c -> assertThat(c)
          .contains("scope=\"repository:b:pull\"").contains("error=\"insufficient_scope\""));
      assertThat(http.send("GET", "/v2/b/manifests/1", "Authorization", "Bearer " + forBoth).status())
          .isEqualTo(200);
      assertThat(http.send("GET", "/v2/", "Authorization", "Bearer " + forA).status()).isEqualTo(200);

      assertThat(readerGrant.text()).contains("\"scope\":\"repository:a:pull\"");
      assertThat(http.send("GET", "/v2/a/manifests/1", "Authorization", "Bearer " + reader).status()).isEqualTo(200);
      RawHttp.Reply readerPush = http.send("POST", "/v2/a/blobs/uploads/", "Authorization", "Bearer " + reader);
      assertThat(readerPush.status()).isEqualTo(401);
      assertThat(readerPush.header("WWW-Authenticate")).hasValueSatisfying(c -> assertThat(c)
          .contains("scope=\"repository:a:pull,push\"").contains("error=\"insufficient_scope\""));
      assertThat(http.send("GET", "/v2/a/manifests/1", "Authorization", "Bearer forged").header("WWW-Authenticate"))
          .hasValueSatisfying(c -> assertThat(c).contains("error=\"invalid_token\""));
    }
  }

  @Test
  void theGetFlowRefusesWrongCredentialsAnotherServiceAndGrantsAnonymousCallersWhatTheyMayPull()
      throws IOException {
    try (EmbeddedRegistry registry = EmbeddedRegistry.builder().tokenAuth().user("alice", "pw")
        .anonymousPull("public/*").start()) {
      TestImages.image().push(registry, "public/app:1");
      RawHttp http = new RawHttp(registry);

      RawHttp.Reply wrong = http.send("GET", "/token?scope=repository:public/app:pull", "Authorization",
          basic("alice", "nope"));
      RawHttp.Reply otherService = http.send("GET", "/token?service=elsewhere&scope=repository:public/app:pull");
      RawHttp.Reply anonymous = http.send("GET", "/token?scope=repository:public/app:pull,push"
          + "&scope=repository:private/app:pull&offline_token=true");

      assertThat(wrong.status()).isEqualTo(401);
      assertThat(wrong.text()).contains("UNAUTHORIZED");
      assertThat(otherService.status()).isEqualTo(400);
      assertThat(anonymous.status()).isEqualTo(200);
      assertThat(anonymous.text()).contains("\"scope\":\"repository:public/app:pull\"")
          .contains("\"token\":").contains("\"expires_in\":300").contains("\"issued_at\":")
          .doesNotContain("refresh_token");
      String token = group(TOKEN, anonymous.text());
      assertThat(http.send("GET", "/v2/public/app/manifests/1", "Authorization", "Bearer " + token).status())
          .isEqualTo(200);
      assertThat(http.send("GET", "/v2/private/app/manifests/1", "Authorization", "Bearer " + token).status())
          .isEqualTo(401);
    }
  }

  @Test
  void theOauthPostFlowTakesPasswordsAndRefreshTokens() throws IOException {
    try (EmbeddedRegistry registry = EmbeddedRegistry.builder().tokenAuth().user("alice", "pw").start()) {
      TestImages.image().push(registry, "a:1");
      RawHttp http = new RawHttp(registry);

      RawHttp.Reply password = post(http, form("grant_type", "password", "client_id", "test", "username", "alice",
          "password", "pw", "service", registry.address(), "scope", "repository:a:pull repository:b:push",
          "access_type", "offline"));
      RawHttp.Reply noOffline = post(http, form("grant_type", "password", "client_id", "test", "username", "alice",
          "password", "pw"));
      String refresh = group(REFRESH, password.text());
      RawHttp.Reply refreshed = post(http, form("grant_type", "refresh_token", "client_id", "test",
          "refresh_token", refresh, "scope", "repository:a:pull"));

      assertThat(password.status()).isEqualTo(200);
      assertThat(password.text()).contains("\"scope\":\"repository:a:pull repository:b:push\"")
          .contains("\"token_type\":\"Bearer\"");
      assertThat(noOffline.text()).doesNotContain("refresh_token");
      assertThat(refreshed.status()).isEqualTo(200);
      assertThat(http.send("GET", "/v2/a/manifests/1", "Authorization", "Bearer " + group(TOKEN, refreshed.text()))
          .status()).isEqualTo(200);

      RawHttp.Reply badPassword = post(http, form("grant_type", "password", "client_id", "t", "username", "alice",
          "password", "nope"));
      RawHttp.Reply badRefresh = post(http, form("grant_type", "refresh_token", "client_id", "t",
          "refresh_token", "made-up"));
      RawHttp.Reply noClient = post(http, form("grant_type", "password", "username", "alice", "password", "pw"));
      RawHttp.Reply badGrant = post(http, form("grant_type", "client_credentials", "client_id", "t"));
      assertThat(badPassword.status()).isEqualTo(400);
      assertThat(badPassword.text()).contains("\"error\":\"invalid_grant\"");
      assertThat(badRefresh.text()).contains("\"error\":\"invalid_grant\"");
      assertThat(noClient.text()).contains("\"error\":\"invalid_request\"");
      assertThat(badGrant.text()).contains("\"error\":\"unsupported_grant_type\"");
    }
  }

  @Test
  void anExpiredTokenIsRefusedAsInvalid() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
    try (EmbeddedRegistry registry = EmbeddedRegistry.builder().tokenAuth().user("alice", "pw")
        .tokenLifetime(Duration.ofMillis(300)).clock(clock).start()) {
      RawHttp http = new RawHttp(registry);
      RawHttp.Reply issued = http.send("GET", "/token?scope=repository:a:pull", "Authorization", basic("alice", "pw"));
      String token = group(TOKEN, issued.text());

      assertThat(issued.text()).contains("\"expires_in\":1");
      assertThat(http.send("GET", "/v2/", "Authorization", "Bearer " + token).status()).isEqualTo(200);
      clock.advance(Duration.ofMillis(400));
      RawHttp.Reply expired = http.send("GET", "/v2/", "Authorization", "Bearer " + token);
      assertThat(expired.status()).isEqualTo(401);
      assertThat(expired.header("WWW-Authenticate")).hasValueSatisfying(c -> assertThat(c)
          .contains("error=\"invalid_token\""));
      assertThat(expired.text()).contains("expired");
    }
  }

  @Test
  void aMountFromARepositoryTheCallerMayNotPullBecomesAnUpload() throws IOException {
    try (EmbeddedRegistry registry = EmbeddedRegistry.builder().basicAuth()
        .user("writer", "pw", "mine", "pull", "push").start()) {
      TestImage image = TestImages.image().push(registry, "theirs:1");
      String layer = ((dev.ferry.manifest.ImageManifest) image.manifest()).layers().get(0).digest().toString();
      RawHttp http = new RawHttp(registry);

      RawHttp.Reply mount = http.send("POST", "/v2/mine/blobs/uploads/?mount=" + layer + "&from=theirs",
          "Authorization", basic("writer", "pw"));

      assertThat(mount.status()).isEqualTo(202);
      assertThat(http.send("HEAD", "/v2/mine/blobs/" + layer, "Authorization", basic("writer", "pw")).status())
          .isEqualTo(404);
    }
  }

  @Test
  void usersNeedAnAuthenticationModeAndKnownActions() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> EmbeddedRegistry.builder().user("a", "b").start())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("basicAuth()");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> EmbeddedRegistry.builder().user("a", "b", "*", "write"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("write");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> EmbeddedRegistry.builder().user("a:b", "c"))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> EmbeddedRegistry.builder().user("a", "b")
        .user("a", "other", "x", "pull")).isInstanceOf(IllegalArgumentException.class);
  }
}
