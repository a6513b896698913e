package dev.ferry.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialEnvironmentTest {
  @Test
  void explicitEnvironmentIsACopyAndEmptyVariablesCountAsUnset() {
    Map<String, String> vars = new HashMap<>(Map.of("DOCKER_CONFIG", "/ci/docker", "XDG_RUNTIME_DIR", ""));
    CredentialEnvironment env = CredentialEnvironment.of(vars, Path.of("/home/ci"));
    vars.put("REGISTRY_AUTH_FILE", "/elsewhere");

    assertThat(env.variable("DOCKER_CONFIG")).contains("/ci/docker");
    assertThat(env.variable("XDG_RUNTIME_DIR")).isEmpty();
    assertThat(env.variable("REGISTRY_AUTH_FILE")).isEmpty();
    assertThat(env.home()).isEqualTo(Path.of("/home/ci"));
    assertThat(env.variables()).containsOnlyKeys("DOCKER_CONFIG", "XDG_RUNTIME_DIR");
    assertThatThrownBy(() -> env.variables().put("X", "y")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void helperTimeoutDefaultsToThirtySecondsAndMustBePositive() {
    CredentialEnvironment env = CredentialEnvironment.of(Map.of(), Path.of("/h"));
    assertThat(env.helperTimeout()).isEqualTo(Duration.ofSeconds(30)).isEqualTo(CredentialEnvironment.DEFAULT_HELPER_TIMEOUT);
    assertThat(env.withHelperTimeout(Duration.ofMillis(250)).helperTimeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(env.helperTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThatThrownBy(() -> env.withHelperTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> env.withHelperTimeout(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toStringNeverShowsValues() {
    CredentialEnvironment env = CredentialEnvironment.of(
        Map.of("DOCKER_AUTH_CONFIG", "{\"auths\":{\"r\":{\"auth\":\"s3cret\"}}}"), Path.of("/home/ci"));
    assertThat(env.toString()).contains("/home/ci").contains("variables=1").doesNotContain("s3cret")
        .doesNotContain("DOCKER_AUTH_CONFIG");
  }

  @Test
  void systemEnvironmentIsTheProcessEnvironment() {
    CredentialEnvironment env = CredentialEnvironment.system();
    assertThat(env.variables()).isEqualTo(System.getenv());
    assertThat(env.home()).isNotNull();
  }

  @Test
  void refusesNulls() {
    assertThatThrownBy(() -> CredentialEnvironment.of(null, Path.of("/h"))).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> CredentialEnvironment.of(Map.of(), null)).isInstanceOf(NullPointerException.class);
    Map<String, String> withNull = new HashMap<>();
    withNull.put("A", null);
    assertThatThrownBy(() -> CredentialEnvironment.of(withNull, Path.of("/h"))).isInstanceOf(NullPointerException.class);
  }
}
