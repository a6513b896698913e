package dev.ferry.internal.auth.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuthKeyTest {
  private static AuthKey docker(String raw) {
    return AuthKey.parse(raw, KeyStyle.DOCKER);
  }

  @Test
  void dockerKeysWithASchemeNameTheirHost() {
    assertThat(docker("https://index.docker.io/v1/")).extracting(AuthKey::host, AuthKey::path, AuthKey::bare)
        .containsExactly("docker.io", "", false);
    assertThat(docker("HTTP://Registry:5000/some/path")).extracting(AuthKey::host, AuthKey::path)
        .containsExactly("registry:5000", "");
  }

  @Test
  void dockerKeysWithoutASchemeAreScoped() {
    assertThat(docker("quay.io/org/app/")).extracting(AuthKey::host, AuthKey::path, AuthKey::bare)
        .containsExactly("quay.io", "org/app", true);
    assertThat(docker("registry.example/v2")).extracting(AuthKey::path).isEqualTo("");
    assertThat(docker("registry.example/v2/team")).extracting(AuthKey::path).isEqualTo("v2/team");
  }

  @Test
  void legacyKeysAlwaysNameTheirHost() {
    assertThat(AuthKey.parse("quay.io/org", KeyStyle.LEGACY)).extracting(AuthKey::host, AuthKey::path)
        .containsExactly("quay.io", "");
  }

  @Test
  void kubeletKeysDropTheApiPrefixAndKeepTheRest() {
    assertThat(AuthKey.parse("https://quay.io/v1/org", KeyStyle.KUBELET)).extracting(AuthKey::host, AuthKey::path)
        .containsExactly("quay.io", "org");
    assertThat(AuthKey.parse("https://index.docker.io/v1/", KeyStyle.KUBELET)).extracting(AuthKey::sortKey)
        .isEqualTo("docker.io");
  }

  @Test
  void keysThatCannotBeARegistryAreDropped() {
    for (String raw : new String[] {"", "   ", "https://", "/path/only", "has space", "user@host"}) {
      assertThat(docker(raw)).as(raw).isNull();
    }
  }

  @Test
  void coverageIsOnPathSegments() {
    AuthKey key = docker("quay.io/org");
    assertThat(key.covers("quay.io", "org", KeyStyle.DOCKER)).isTrue();
    assertThat(key.covers("quay.io", "org/app", KeyStyle.DOCKER)).isTrue();
    assertThat(key.covers("quay.io", "organisation/app", KeyStyle.DOCKER)).isFalse();
    assertThat(key.covers("quay.io", "", KeyStyle.DOCKER)).isFalse();
    assertThat(key.covers("ghcr.io", "org/app", KeyStyle.DOCKER)).isFalse();
  }
}
