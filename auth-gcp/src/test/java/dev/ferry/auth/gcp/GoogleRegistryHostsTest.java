package dev.ferry.auth.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GoogleRegistryHostsTest {
  @ParameterizedTest
  @ValueSource(strings = {"gcr.io", "us.gcr.io", "eu.gcr.io", "asia.gcr.io", "marketplace.gcr.io", "GCR.IO",
      "gcr.io:443", "us-docker.pkg.dev", "europe-west1-docker.pkg.dev", "asia-northeast1-docker.pkg.dev",
      "docker.us-central1.rep.pkg.dev", "docker.europe-west4.rep.pkg.dev", " us.gcr.io "})
  void googleRegistriesAreRecognised(String host) {
    assertThat(GcpCredentialProvider.isGoogleRegistry(host)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"gcr.io.evil.com", "evilgcr.io", "x-docker.pkg.dev.evil", "docker.pkg.dev", "-docker.pkg.dev",
      "pkg.dev", "us.docker.pkg.dev", "a.b-docker.pkg.dev", "evil.com/gcr.io", "gcr.io:5000", "gcr.io:", ".gcr.io",
      "a..gcr.io", "-a.gcr.io", "docker..rep.pkg.dev", "docker.rep.pkg.dev", "docker.a.b.rep.pkg.dev",
      "notdocker.us.rep.pkg.dev", "us_west.gcr.io", "", "localhost:5000", "docker.io", "xgcr.io"})
  void lookAlikesAndOtherHostsAreNot(String host) {
    assertThat(GcpCredentialProvider.isGoogleRegistry(host)).isFalse();
  }
}
