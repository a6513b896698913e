package dev.ferry.auth;

import static dev.ferry.auth.ConfigFiles.authsJson;
import static dev.ferry.auth.ConfigFiles.helper;
import static dev.ferry.auth.ConfigFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.it.DockerRegistryProcess;
import dev.ferry.it.ExternalCommand;
import dev.ferry.it.RealTools;
import dev.ferry.manifest.Descriptor;
import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.AuthenticationException;
import dev.ferry.registry.BlobSource;
import dev.ferry.registry.RegistryClient;
import dev.ferry.registry.RetryPolicy;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real docker-registry behind htpasswd, reached with credentials that only the files
 * users already keep hold: a Docker config.json found through DOCKER_CONFIG, a containers
 * auth.json found through REGISTRY_AUTH_FILE, and a credsStore helper — each given to
 * {@code CredentialProvider.defaults} as an explicit environment with an empty home.
 */
@DisabledOnOs(OS.WINDOWS)
class ConfigCredentialsIT {
  private static final String USER = "ferry";
  private static final String PASSWORD = "c0nfig-s3cret";

  @TempDir
  static Path work;

  private static DockerRegistryProcess registry;

  @BeforeAll
  static void startRegistry() throws Exception {
    String line = ExternalCommand.run(Duration.ofSeconds(30),
        List.of(RealTools.require("htpasswd").toString(), "-Bbn", USER, PASSWORD)).assertSuccess().out().trim();
    Path htpasswd = write(work.resolve("htpasswd"), line + "\n");
    registry = DockerRegistryProcess.builder(work.resolve("registry")).htpasswd(htpasswd).start();
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  /** An environment with an empty home of its own and only the given variables. */
  private static CredentialProvider defaults(Path dir, String... pairs) throws Exception {
    Path home = Files.createDirectories(dir.resolve("home"));
    Map<String, String> vars = new java.util.HashMap<>(Map.of("HOME", home.toString()));
    for (int i = 0; i < pairs.length; i += 2) {
      vars.put(pairs[i], pairs[i + 1]);
    }
    return CredentialProvider.defaults(CredentialEnvironment.of(vars, home));
  }

  private static void pushAndRead(CredentialProvider credentials, String repository) throws Exception {
    ImageReference ref = ImageReference.parse(registry.address() + "/" + repository);
    byte[] content = ("found in a config file for " + ref).getBytes(StandardCharsets.UTF_8);
    Descriptor blob = Descriptor.of("application/octet-stream", Digest.sha256(content), content.length);
    try (RegistryClient client = RegistryClient.builder().plainHttp(registry.address()).credentials(credentials)
        .retryPolicy(RetryPolicy.none()).build()) {
      client.pushBlob(ref, blob, BlobSource.of(content));
      try (InputStream in = client.openBlob(ref, blob)) {
        assertThat(in.readAllBytes()).isEqualTo(content);
      }
    }
  }

  @Test
  void withoutAnyFileTheRegistryRefuses(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> pushAndRead(defaults(dir), "nobody/app"))
        .isInstanceOfSatisfying(AuthenticationException.class, e -> assertThat(e.credentialsFound()).isFalse());
  }

  @Test
  void credentialsOnlyInADockerConfigJsonFoundThroughDockerConfig(@TempDir Path dir) throws Exception {
    Path dockerConfig = dir.resolve("docker");
    write(dockerConfig.resolve("config.json"), authsJson("http://" + registry.address() + "/v2/", USER, PASSWORD));
    pushAndRead(defaults(dir, "DOCKER_CONFIG", dockerConfig.toString()), "docker/app");
  }

  @Test
  void credentialsOnlyInAContainersAuthJsonFoundThroughRegistryAuthFile(@TempDir Path dir) throws Exception {
    Path authFile = write(dir.resolve("podman/auth.json"), "{\"auths\":{"
        + "\"" + registry.address() + "/podman\":{\"auth\":\"" + ConfigFiles.auth(USER, PASSWORD) + "\"},"
        + "\"" + registry.address() + "\":{\"auth\":\"" + ConfigFiles.auth(USER, "wrong-for-the-rest") + "\"}}}");
    CredentialProvider credentials = defaults(dir, "REGISTRY_AUTH_FILE", authFile.toString());
    pushAndRead(credentials, "podman/app");
    assertThatThrownBy(() -> pushAndRead(credentials, "other/app"))
        .isInstanceOfSatisfying(AuthenticationException.class, e -> assertThat(e.credentialsFound()).isTrue())
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-for-the-rest"));
  }

  @Test
  void credentialsOnlyInACredsStoreHelper(@TempDir Path dir) throws Exception {
    Path bin = dir.resolve("bin");
    helper(bin, "ferrytest", "[ \"$(cat)\" = '" + registry.address() + "' ] || { echo 'credentials not found in native keychain';"
        + " exit 1; }\nprintf '{\"ServerURL\":\"x\",\"Username\":\"" + USER + "\",\"Secret\":\"" + PASSWORD + "\"}'");
    Path dockerConfig = write(dir.resolve("docker/config.json"), "{\"credsStore\":\"ferrytest\",\"auths\":{}}");
    pushAndRead(defaults(dir, "DOCKER_CONFIG", dockerConfig.getParent().toString(), "PATH", bin + ":/usr/bin:/bin"),
        "helper/app");
  }
}
