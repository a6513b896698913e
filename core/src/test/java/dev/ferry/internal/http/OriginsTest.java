package dev.ferry.internal.http;

import static dev.ferry.internal.http.TransportTests.CONTEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.registry.RegistryProtocolException;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OriginsTest {
  private static final Request LIST = Request.of("GET", URI.create("https://registry.test/v2/org/app/tags/list"));

  @Test
  void aRelativeUrlResolvesAgainstTheRequestAndKeepsItsOrigin() {
    URI next = Origins.handedBack(LIST, CONTEXT, "Link", "/v2/org/app/tags/list?last=b#frag");

    assertThat(next).hasToString("https://registry.test/v2/org/app/tags/list?last=b");
    assertThat(Origins.same(next, URI.create("https://registry.test:443/v2/"))).isTrue();
  }

  @Test
  void schemeHostAndPortEachMakeAnotherOrigin() {
    URI base = URI.create("https://registry.test/v2/");
    assertThat(Origins.same(base, URI.create("http://registry.test:443/v2/"))).isFalse();
    assertThat(Origins.same(base, URI.create("https://registry.test:5000/v2/"))).isFalse();
    assertThat(Origins.same(base, URI.create("https://cdn.registry.test/v2/"))).isFalse();
    assertThat(Origins.same(base, URI.create("HTTPS://REGISTRY.test/x"))).isTrue();
  }

  @Test
  void onlyHttpsToHttpLeavesHttps() {
    assertThat(Origins.leavesHttps(URI.create("https://a/"), URI.create("http://a/"))).isTrue();
    assertThat(Origins.leavesHttps(URI.create("http://a/"), URI.create("https://b/"))).isFalse();
    assertThat(Origins.leavesHttps(URI.create("http://a/"), URI.create("http://b/"))).isFalse();
  }

  @Test
  void aPortOutOfRangeIsAProtocolErrorNamingTheHeader() {
    assertThatThrownBy(() -> Origins.handedBack(LIST, CONTEXT, "Link", "http://127.0.0.1:99999/x"))
        .isInstanceOf(RegistryProtocolException.class)
        .hasMessageContaining("Link header names port 99999")
        .hasMessageContaining("registry registry.test");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://registry.test/x", "file:///etc/passwd", "http://", "http://a b/", "mailto:x@y",
      "http://127.0.0.1:99999999999/x"})
  void aUrlThatCannotBeUsedIsAProtocolErrorNamingTheHeader(String value) {
    assertThatThrownBy(() -> Origins.handedBack(LIST, CONTEXT, "Location", value))
        .isInstanceOf(RegistryProtocolException.class)
        .hasMessageContaining("Location header");
  }
}
