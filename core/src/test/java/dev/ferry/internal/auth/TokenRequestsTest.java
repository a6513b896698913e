package dev.ferry.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.internal.http.Request;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenRequestsTest {
  private static final URI REALM = URI.create("https://auth.docker.io/token");

  @Test
  void getRepeatsScopeAndEncodesValues() {
    Request r = TokenRequests.get(REALM, "registry.docker.io",
        List.of("repository:library/nginx:pull", "repository:a b:pull,push"), "alice", "Basic xyz");
    assertThat(r.method()).isEqualTo("GET");
    assertThat(r.uri().getRawQuery()).isEqualTo("service=registry.docker.io"
        + "&scope=repository%3Alibrary%2Fnginx%3Apull&scope=repository%3Aa+b%3Apull%2Cpush&account=alice");
    assertThat(r.firstHeader("Authorization")).contains("Basic xyz");
    assertThat(r.toString()).doesNotContain("alice").doesNotContain("xyz");
  }

  @Test
  void getLeavesOutWhatIsUnknownAndKeepsTheRealmsOwnQuery() {
    Request r = TokenRequests.get(URI.create("https://auth.example/token?tenant=7#frag"), null, List.of(), null, null);
    assertThat(r.uri().toString()).isEqualTo("https://auth.example/token?tenant=7");
    assertThat(r.firstHeader("Authorization")).isEmpty();
    assertThat(TokenRequests.get(URI.create("http://localhost:8080"), "", List.of("x"), "", null).uri().toString())
        .isEqualTo("http://localhost:8080?scope=x");
  }

  @Test
  void refreshTokenPostJoinsScopesWithSpaces() throws IOException {
    Request r = TokenRequests.refreshTokenGrant(REALM, "svc", List.of("repository:a:pull", "repository:b:push"),
        "ferry", "ref/tok=");
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.uri()).isEqualTo(REALM);
    assertThat(r.body().contentType()).isEqualTo("application/x-www-form-urlencoded");
    assertThat(r.body().isReplayable()).isTrue();
    assertThat(body(r)).isEqualTo("grant_type=refresh_token&service=svc&client_id=ferry"
        + "&scope=repository%3Aa%3Apull+repository%3Ab%3Apush&refresh_token=ref%2Ftok%3D");
  }

  @Test
  void passwordPostCarriesUserAndPassword() throws IOException {
    Request r = TokenRequests.passwordGrant(REALM, null, List.of(), "ferry", "alice", "p&ss");
    assertThat(body(r)).isEqualTo("grant_type=password&client_id=ferry&username=alice&password=p%26ss");
  }

  private static String body(Request r) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    r.body().writeTo(out);
    return out.toString(StandardCharsets.UTF_8);
  }
}
