package dev.ferry.auth;

import static dev.ferry.auth.ConfigFiles.authsJson;
import static dev.ferry.auth.ConfigFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CredentialProvider.defaults(environment) with a fake HOME and XDG directories per test. */
class DefaultsLookupOrderTest {
  private static final String R = "registry.example";

  @TempDir
  Path dir;

  private Path home;
  private final Map<String, String> vars = new HashMap<>();

  @BeforeEach
  void fakeHome() throws Exception {
    home = Files.createDirectories(dir.resolve("home"));
    vars.put("HOME", home.toString());
  }

  private CredentialProvider defaults() {
    return CredentialProvider.defaults(CredentialEnvironment.of(vars, home));
  }

  private String userFor(String registry) {
    return defaults().credentialFor(registry, "team/app").map(c -> ((UsernamePassword) c).username()).orElse("none");
  }

  private Path file(String relative, String user) {
    return write(dir.resolve(relative), authsJson(R, user, "pw"));
  }

  @Test
  void nothingAnywhereMeansAnonymous() {
    assertThat(defaults().credentialFor("docker.io", "library/nginx")).isEmpty();
    assertThat(userFor(R)).isEqualTo("none");
  }

  @Test
  void eachSourceWinsOverEveryLaterOne() {
    write(home.resolve(".dockercfg"), "{\"" + R + "\":{\"auth\":\"" + ConfigFiles.auth("dockercfg", "pw") + "\"}}");
    assertThat(userFor(R)).isEqualTo("dockercfg");

    file("home/.docker/config.json", "home-docker");
    assertThat(userFor(R)).isEqualTo("home-docker");

    file("docker-config/config.json", "docker-config");
    vars.put("DOCKER_CONFIG", dir.resolve("docker-config").toString());
    assertThat(userFor(R)).isEqualTo("docker-config");

    file("home/.config/containers/auth.json", "home-config");
    assertThat(userFor(R)).isEqualTo("home-config");

    file("xdg-config/containers/auth.json", "xdg-config");
    vars.put("XDG_CONFIG_HOME", dir.resolve("xdg-config").toString());
    assertThat(userFor(R)).isEqualTo("xdg-config");

    file("run/containers/auth.json", "runtime");
    vars.put("XDG_RUNTIME_DIR", dir.resolve("run").toString());
    assertThat(userFor(R)).isEqualTo("runtime");

    file("ci/auth.json", "registry-auth-file");
    vars.put("REGISTRY_AUTH_FILE", dir.resolve("ci/auth.json").toString());
    assertThat(userFor(R)).isEqualTo("registry-auth-file");

    vars.put("DOCKER_AUTH_CONFIG", authsJson(R, "docker-auth-config", "pw"));
    assertThat(userFor(R)).isEqualTo("docker-auth-config");
  }

  @Test
  void registryAuthFileReplacesTheRuntimeFileRatherThanComingBeforeIt() {
    file("run/containers/auth.json", "runtime");
    vars.put("XDG_RUNTIME_DIR", dir.resolve("run").toString());
    write(dir.resolve("ci/auth.json"), "{}");
    vars.put("REGISTRY_AUTH_FILE", dir.resolve("ci/auth.json").toString());
    assertThat(userFor(R)).isEqualTo("none");
  }

  @Test
  void dockerConfigReplacesTheHomeDockerDirectory() {
    file("home/.docker/config.json", "home-docker");
    vars.put("DOCKER_CONFIG", dir.resolve("empty-docker-config").toString());
    assertThat(userFor(R)).isEqualTo("none");
  }

  @Test
  void relativeXdgDirectoriesAreIgnored() {
    file("home/.config/containers/auth.json", "home-config");
    vars.put("XDG_CONFIG_HOME", "relative/config");
    vars.put("XDG_RUNTIME_DIR", "relative/run");
    assertThat(userFor(R)).isEqualTo("home-config");
  }

  @Test
  void eachRegistryIsLookedUpThroughTheWholeChain() {
    write(dir.resolve("ci/auth.json"), authsJson("ghcr.io", "from-auth-json", "pw"));
    vars.put("REGISTRY_AUTH_FILE", dir.resolve("ci/auth.json").toString());
    file("home/.docker/config.json", "home-docker");
    assertThat(userFor("ghcr.io")).isEqualTo("from-auth-json");
    assertThat(userFor(R)).isEqualTo("home-docker");
  }

  @Test
  void aBrokenFileFailsTheLookupsThatReachIt() {
    file("ci/auth.json", "registry-auth-file");
    vars.put("REGISTRY_AUTH_FILE", dir.resolve("ci/auth.json").toString());
    write(home.resolve(".docker/config.json"), "{\"auths\": {");
    CredentialProvider p = defaults();
    assertThat(p.credentialFor(R, "team/app")).isPresent(); // found before the broken file
    Throwable t = catchThrowable(() -> p.credentialFor("ghcr.io", "x"));
    assertThat(t).isInstanceOf(CredentialException.class)
        .hasMessageContaining(home.resolve(".docker/config.json").toString());
  }

  @Test
  void aBrokenDockerAuthConfigNamesTheVariableNotItsValue() {
    vars.put("DOCKER_AUTH_CONFIG", "{\"auths\":{\"" + R + "\":{\"auth\":S3CRET}}}");
    file("home/.docker/config.json", "home-docker");
    Throwable t = catchThrowable(() -> defaults().credentialFor(R, "x"));
    assertThat(t).isInstanceOf(CredentialException.class).hasMessageStartingWith("$DOCKER_AUTH_CONFIG: not valid JSON")
        .hasMessageNotContaining("S3CRET");
  }

  @Test
  void aFileNamedTwiceIsAskedOnceAndToStringNamesFilesNotSecrets() {
    Path dockerFile = file("home/.docker/config.json", "home-docker");
    vars.put("REGISTRY_AUTH_FILE", dockerFile.toString());
    vars.put("DOCKER_AUTH_CONFIG", authsJson("other.example", "u", "S3CRET"));
    String shown = defaults().toString();
    assertThat(shown.split(java.util.regex.Pattern.quote(dockerFile.toString()), -1)).hasSize(2);
    assertThat(shown).contains("$DOCKER_AUTH_CONFIG").contains(".dockercfg").doesNotContain("S3CRET");
    assertThat(userFor(R)).isEqualTo("home-docker");
  }
}
