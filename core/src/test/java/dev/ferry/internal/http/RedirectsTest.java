package dev.ferry.internal.http;

import static dev.ferry.internal.http.TransportTests.CONTEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.registry.RegistryResponseException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Redirect rules against a scripted hop: schemes and methods that need no real server. */
class RedirectsTest {
  private final List<Request> sent = new ArrayList<>();

  private Redirects scripted(Response... responses) {
    List<Response> queue = new ArrayList<>(List.of(responses));
    return new Redirects((request, context) -> {
      sent.add(request);
      return queue.remove(0);
    });
  }

  @Test
  void refusesToLeaveHttpsForPlainHttp() {
    Redirects redirects = scripted(redirect(302, "http://cdn.example/blob?X-Amz-Signature=s3cr3t"));

    assertThatThrownBy(() -> redirects.follow(Request.of("GET", URI.create("https://registry.example/v2/a/blobs/x"))
        .header("Authorization", "Bearer t"), CONTEXT))
        .isInstanceOf(RegistryResponseException.class)
        .hasMessage("GET https://registry.example/v2/a/blobs/x -> 302 Found: redirect to http://cdn.example/blob"
            + " refused: it would leave HTTPS for plain HTTP (registry registry.test, repository org/app)");
    assertThat(sent).hasSize(1);
  }

  @Test
  void allowsPlainHttpToUpgradeToHttps() throws Exception {
    Redirects redirects = scripted(redirect(301, "https://registry.example/v2/"), new FakeResponse(200));

    Response response = redirects.follow(Request.of("GET", URI.create("http://registry.example/v2/"))
        .header("Authorization", "Basic x"), CONTEXT);

    assertThat(response.status()).isEqualTo(200);
    // another scheme is another origin: credentials meant for http://host stay there
    assertThat(sent.get(1).firstHeader("Authorization")).isEmpty();
  }

  @Test
  void refusesNonHttpLocations() {
    Redirects redirects = scripted(redirect(302, "file:///etc/passwd"));

    assertThatThrownBy(() -> redirects.follow(Request.of("GET", URI.create("https://r.example/v2/")), CONTEXT))
        .isInstanceOf(RegistryResponseException.class)
        .hasMessageContaining("redirect to a location that is not an http(s) URL: \"file:...\"");
  }

  @Test
  void refusesMalformedLocations() {
    Redirects redirects = scripted(redirect(302, "https://r.example/a b\u0001"));

    assertThatThrownBy(() -> redirects.follow(Request.of("GET", URI.create("https://r.example/v2/")), CONTEXT))
        .isInstanceOf(RegistryResponseException.class)
        .hasMessageContaining("redirect to an invalid Location");
  }

  @Test
  void movedTurnsPostIntoGetButKeepsPut() throws Exception {
    Redirects post = scripted(redirect(302, "/next"), new FakeResponse(200));
    post.follow(new Request("POST", URI.create("https://r.example/v2/"), List.of(new Header("Content-Type", "a/b")),
        RequestBody.of(new byte[1], "a/b")), CONTEXT);
    assertThat(sent.get(1).method()).isEqualTo("GET");
    assertThat(sent.get(1).body()).isNull();
    assertThat(sent.get(1).firstHeader("Content-Type")).isEmpty();

    sent.clear();
    Redirects put = scripted(redirect(301, "/next"), new FakeResponse(201));
    put.follow(new Request("PUT", URI.create("https://r.example/v2/"), List.of(), RequestBody.of(new byte[1], null)),
        CONTEXT);
    assertThat(sent.get(1).method()).isEqualTo("PUT");
    assertThat(sent.get(1).body()).isNotNull();
  }

  @Test
  void seeOtherKeepsHead() throws Exception {
    Redirects redirects = scripted(redirect(303, "/other"), new FakeResponse(200));

    redirects.follow(Request.of("HEAD", URI.create("https://r.example/v2/")), CONTEXT);

    assertThat(sent.get(1).method()).isEqualTo("HEAD");
  }

  @Test
  void dropsTheFragmentAndResolvesAgainstTheRequest() throws Exception {
    Redirects redirects = scripted(redirect(308, "blobs/x#part"), new FakeResponse(200));

    redirects.follow(Request.of("GET", URI.create("https://r.example/v2/org/app/")), CONTEXT);

    assertThat(sent.get(1).uri()).isEqualTo(URI.create("https://r.example/v2/org/app/blobs/x"));
  }

  @Test
  void closesEveryRedirectResponseItFollows() throws Exception {
    FakeResponse first = redirect(307, "/b");
    FakeResponse last = new FakeResponse(200);

    Response response = scripted(first, last).follow(Request.of("GET", URI.create("https://r.example/a")), CONTEXT);

    assertThat(first.closed).isTrue();
    assertThat(last.closed).isFalse();
    assertThat(response).isSameAs(last);
  }

  @Test
  void aLocationWithAPortOutOfRangeIsAProtocolErrorNamingLocation() {
    Redirects redirects = scripted(redirect(307, "https://registry.example:99999/v2/a/blobs/x"));

    assertThatThrownBy(() -> redirects.follow(Request.of("GET", URI.create("https://registry.example/v2/a/blobs/x")),
        CONTEXT))
        .isInstanceOf(dev.ferry.registry.RegistryProtocolException.class)
        .hasMessageContaining("Location header names port 99999");
    assertThat(sent).hasSize(1);
  }

  @Test
  void aBodyThatHoldsCredentialsIsNeverCarriedToAnotherOrigin() {
    Redirects redirects = scripted(redirect(307, "https://elsewhere.example/token"));
    Request tokenForm = new Request("POST", URI.create("https://auth.example/token"), List.of(),
        RequestBody.credentials("grant_type=password&password=pw".getBytes(), "application/x-www-form-urlencoded"));

    assertThatThrownBy(() -> redirects.follow(tokenForm, CONTEXT))
        .isInstanceOf(RegistryResponseException.class)
        .hasMessageContaining("the request body holds credentials");
    assertThat(sent).hasSize(1);
  }

  @Test
  void aBodyThatHoldsCredentialsFollowsARedirectOnItsOwnOrigin() throws Exception {
    Redirects redirects = scripted(redirect(307, "/v2/token"), new FakeResponse(200));
    Request tokenForm = new Request("POST", URI.create("https://auth.example/token"), List.of(),
        RequestBody.credentials("grant_type=password&password=pw".getBytes(), "application/x-www-form-urlencoded"));

    assertThat(redirects.follow(tokenForm, CONTEXT).status()).isEqualTo(200);
    assertThat(sent).extracting(r -> r.uri().toString())
        .containsExactly("https://auth.example/token", "https://auth.example/v2/token");
  }

  @Test
  void originsCompareSchemeHostAndEffectivePort() {
    assertThat(Origins.of(URI.create("https://R.example/x"))).isEqualTo("https://r.example:443");
    assertThat(Origins.of(URI.create("https://r.example:443/y")))
        .isEqualTo(Origins.of(URI.create("https://r.example/z")));
    assertThat(Origins.of(URI.create("http://r.example/")))
        .isNotEqualTo(Origins.of(URI.create("https://r.example/")));
  }

  private static FakeResponse redirect(int status, String location) {
    return new FakeResponse(status).header("Location", location);
  }
}
