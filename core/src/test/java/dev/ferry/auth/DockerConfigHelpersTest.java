package dev.ferry.auth;

import static dev.ferry.auth.ConfigFiles.auth;
import static dev.ferry.auth.ConfigFiles.environment;
import static dev.ferry.auth.ConfigFiles.helper;
import static dev.ferry.auth.ConfigFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** credHelpers and credsStore in a config file send the lookup to helper programs, as Docker does. */
@DisabledOnOs(OS.WINDOWS)
class DockerConfigHelpersTest {
  @TempDir
  Path dir;

  private Path bin() {
    return dir.resolve("bin");
  }

  /** docker-credential-<name>: answers user "<name>" for every server except unknown.example, and logs it. */
  @BeforeEach
  void helpers() {
    for (String name : List.of("store", "ghcr", "ecr-login")) {
      helper(bin(), name, "server=$(cat)\n"
          + "echo \"" + name + " $server\" >> '" + dir.resolve("asked.log") + "'\n"
          + "[ \"$server\" = unknown.example ] && { echo 'credentials not found in native keychain'; exit 1; }\n"
          + "printf '{\"ServerURL\":\"%s\",\"Username\":\"" + name + "\",\"Secret\":\"s\"}' \"$server\"");
    }
  }

  private List<String> asked() throws Exception {
    Path log = dir.resolve("asked.log");
    return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
  }

  private DockerConfig config(String json) {
    return DockerConfig.file(write(dir.resolve("config.json"), json), environment(dir, bin()));
  }

  @Test
  void credHelpersPerRegistryThenCredsStoreForTheRest() throws Exception {
    DockerConfig c = config("{\"credsStore\":\"store\",\"credHelpers\":{\"ghcr.io\":\"ghcr\","
        + "\"123456789012.dkr.ecr.eu-west-1.amazonaws.com\":\"ecr-login\"},"
        + "\"auths\":{\"https://index.docker.io/v1/\":{},\"quay.io\":{\"auth\":\"" + auth("file", "p") + "\"}}}");
    assertThat(c.credentialFor("ghcr.io", "org/app")).contains(Credential.basic("ghcr", "s"));
    assertThat(c.credentialFor("123456789012.dkr.ecr.eu-west-1.amazonaws.com", "app"))
        .contains(Credential.basic("ecr-login", "s"));
    assertThat(c.credentialFor("docker.io", "library/nginx")).contains(Credential.basic("store", "s"));
    // with a credsStore, Docker asks the store even where the file has an entry
    assertThat(c.credentialFor("quay.io", "x")).contains(Credential.basic("store", "s"));
    assertThat(asked()).containsExactly("ghcr ghcr.io", "ecr-login 123456789012.dkr.ecr.eu-west-1.amazonaws.com",
        "store https://index.docker.io/v1/", "store quay.io");
  }

  @Test
  void aStoreWithoutTheCredentialMeansAnonymousNotTheFileEntry() {
    DockerConfig c = config("{\"credsStore\":\"store\",\"auths\":{\"unknown.example\":{\"auth\":\""
        + auth("file", "p") + "\"}}}");
    assertThat(c.credentialFor("unknown.example", "x")).isEmpty();
  }

  @Test
  void anEmptyCredHelpersEntrySendsThatRegistryBackToTheFile() {
    DockerConfig c = config("{\"credsStore\":\"store\",\"credHelpers\":{\"quay.io\":\"\"},"
        + "\"auths\":{\"quay.io\":{\"auth\":\"" + auth("file", "p") + "\"}}}");
    assertThat(c.credentialFor("quay.io", "x")).contains(Credential.basic("file", "p"));
    assertThat(c.credentialFor("ghcr.io", "x")).contains(Credential.basic("store", "s"));
  }

  @Test
  void credHelpersKeysAreMatchedByHostInAnyForm() {
    DockerConfig c = config("{\"credHelpers\":{\"https://index.docker.io/v1/\":\"ghcr\",\"GHCR.IO\":\"ghcr\"}}");
    assertThat(c.credentialFor("docker.io", "library/x")).contains(Credential.basic("ghcr", "s"));
    assertThat(c.credentialFor("ghcr.io", "x")).contains(Credential.basic("ghcr", "s"));
    assertThat(c.credentialFor("quay.io", "x")).isEmpty();
  }

  @Test
  void aHelperMissingFromThePathFailsTheLookupAndNamesTheSetting() {
    DockerConfig c = config("{\"credsStore\":\"osxkeychain\"}");
    Throwable t = catchThrowable(() -> c.credentialFor("ghcr.io", "x"));
    assertThat(t).isInstanceOf(CredentialHelperException.class)
        .hasMessageContaining("docker-credential-osxkeychain").hasMessageContaining("credsStore of " + c.path())
        .hasMessageContaining("is not on the PATH");
  }

  @Test
  void eachHelperRunsOncePerServerForTheProvidersLife() throws Exception {
    DockerConfig c = config("{\"credsStore\":\"store\"}");
    for (int i = 0; i < 3; i++) {
      c.credentialFor("ghcr.io", "a" + i);
      c.credentialFor("unknown.example", "a" + i);
    }
    assertThat(asked()).containsExactly("store ghcr.io", "store unknown.example");
  }
}
