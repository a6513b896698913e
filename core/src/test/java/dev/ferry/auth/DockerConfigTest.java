package dev.ferry.auth;

import static dev.ferry.auth.ConfigFiles.auth;
import static dev.ferry.auth.ConfigFiles.authsJson;
import static dev.ferry.auth.ConfigFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every form of config.json / auth.json / .dockercfg entry and key, from real files. */
class DockerConfigTest {
  @TempDir
  Path dir;

  private DockerConfig config(String json) {
    return DockerConfig.file(write(dir.resolve("config.json"), json), CredentialEnvironment.of(Map.of(), dir));
  }

  @Test
  void authIsBase64OfUserColonPasswordSplitAtTheFirstColon() {
    DockerConfig c = config(authsJson("ghcr.io", "bot", "pa:ss:word"));
    assertThat(c.credentialFor("ghcr.io", "org/app")).contains(Credential.basic("bot", "pa:ss:word"));
    assertThat(c.credentialFor("ghcr.io", "")).contains(Credential.basic("bot", "pa:ss:word"));
    assertThat(c.credentialFor("quay.io", "org/app")).isEmpty();
  }

  @Test
  void usernameAndPasswordFieldsWhenThereIsNoAuth() {
    DockerConfig c = config("{\"auths\":{\"ghcr.io\":{\"username\":\"bot\",\"password\":\"pw\",\"email\":\"x@y\"}}}");
    assertThat(c.credentialFor("ghcr.io", "a")).contains(Credential.basic("bot", "pw"));
  }

  @Test
  void registryTokenBeforeIdentityTokenBeforeAuth() {
    DockerConfig c = config("{\"auths\":{"
        + "\"a.example\":{\"auth\":\"" + auth("00000000-0000-0000-0000-000000000000", "") + "\",\"identitytoken\":\"refresh\"},"
        + "\"b.example\":{\"identitytoken\":\"refresh\",\"registrytoken\":\"bearer\"},"
        + "\"c.example\":{\"identitytoken\":\"only-refresh\"}}}");
    assertThat(c.credentialFor("a.example", "x")).contains(Credential.identityToken("refresh"));
    assertThat(c.credentialFor("b.example", "x")).contains(Credential.registryToken("bearer"));
    assertThat(c.credentialFor("c.example", "x")).contains(Credential.identityToken("only-refresh"));
  }

  @Test
  void dockerHubIsFoundUnderEveryNameItWasEverWrittenAs() {
    for (String key : List.of("https://index.docker.io/v1/", "http://index.docker.io/v1/", "index.docker.io",
        "docker.io", "registry-1.docker.io", "https://registry-1.docker.io/v2/", "Docker.IO")) {
      DockerConfig c = config(authsJson(key, "hubuser", "hubpass"));
      for (String asked : List.of("docker.io", "index.docker.io", "registry-1.docker.io")) {
        assertThat(c.credentialFor(asked, "library/nginx")).as(key + " asked as " + asked)
            .contains(Credential.basic("hubuser", "hubpass"));
      }
      assertThat(c.credentialFor("mirror.gcr.io", "library/nginx")).isEmpty();
    }
  }

  @Test
  void keysWithASchemeNameTheirHostWhateverTheirPath() {
    DockerConfig c = config(authsJson("https://Registry.Example.com:5000/v2/some/path", "u", "p"));
    assertThat(c.credentialFor("registry.example.com:5000", "any/repo")).contains(Credential.basic("u", "p"));
    assertThat(c.credentialFor("registry.example.com", "any/repo")).isEmpty();
  }

  @Test
  void bareApiPathsNameTheWholeRegistry() {
    DockerConfig c = config(authsJson("registry.example.com/v2/", "u", "p"));
    assertThat(c.credentialFor("registry.example.com", "team/app")).contains(Credential.basic("u", "p"));
  }

  @Test
  void portsAreMatchedExactly() {
    DockerConfig c = config(authsJson("localhost:5000", "u", "p"));
    assertThat(c.credentialFor("localhost:5000", "x")).contains(Credential.basic("u", "p"));
    assertThat(c.credentialFor("localhost", "x")).isEmpty();
    assertThat(c.credentialFor("localhost:5001", "x")).isEmpty();
  }

  @Test
  void pathScopedKeysTheLongestCoveringTheRepositoryWins() {
    DockerConfig c = config("{\"auths\":{"
        + "\"quay.io\":{\"auth\":\"" + auth("registry", "p1") + "\"},"
        + "\"quay.io/org/app\":{\"auth\":\"" + auth("repo", "p3") + "\"},"
        + "\"quay.io/org\":{\"auth\":\"" + auth("namespace", "p2") + "\"}}}");
    assertThat(c.credentialFor("quay.io", "org/app")).contains(Credential.basic("repo", "p3"));
    assertThat(c.credentialFor("quay.io", "org/app/sub")).contains(Credential.basic("repo", "p3"));
    assertThat(c.credentialFor("quay.io", "org/other")).contains(Credential.basic("namespace", "p2"));
    assertThat(c.credentialFor("quay.io", "organisation/app")).contains(Credential.basic("registry", "p1"));
    assertThat(c.credentialFor("quay.io", "other/app")).contains(Credential.basic("registry", "p1"));
    assertThat(c.credentialFor("quay.io", "")).contains(Credential.basic("registry", "p1"));
  }

  @Test
  void aNamespaceKeyAloneLeavesTheRestOfTheRegistryAnonymous() {
    DockerConfig c = config(authsJson("quay.io/org", "u", "p"));
    assertThat(c.credentialFor("quay.io", "org/app")).contains(Credential.basic("u", "p"));
    assertThat(c.credentialFor("quay.io", "other/app")).isEmpty();
  }

  @Test
  void aBareKeyIsPreferredToAUrlForTheSameRegistryInEitherOrder() {
    String bareFirst = "{\"auths\":{\"docker.io\":{\"auth\":\"" + auth("bare", "1") + "\"},"
        + "\"https://index.docker.io/v1/\":{\"auth\":\"" + auth("url", "2") + "\"}}}";
    String urlFirst = "{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"" + auth("url", "2") + "\"},"
        + "\"docker.io\":{\"auth\":\"" + auth("bare", "1") + "\"}}}";
    assertThat(config(bareFirst).credentialFor("docker.io", "library/a")).contains(Credential.basic("bare", "1"));
    assertThat(config(urlFirst).credentialFor("docker.io", "library/a")).contains(Credential.basic("bare", "1"));
  }

  @Test
  void theExactDockerIoKeyAnswersBeforeIndexDockerIoInEitherOrder() {
    String aliasFirst = "{\"auths\":{\"index.docker.io\":{\"auth\":\"" + auth("alias", "2") + "\"},"
        + "\"docker.io\":{\"auth\":\"" + auth("exact", "1") + "\"}}}";
    String exactFirst = "{\"auths\":{\"docker.io\":{\"auth\":\"" + auth("exact", "1") + "\"},"
        + "\"index.docker.io\":{\"auth\":\"" + auth("alias", "2") + "\"}}}";
    assertThat(config(aliasFirst).credentialFor("docker.io", "library/a")).contains(Credential.basic("exact", "1"));
    assertThat(config(exactFirst).credentialFor("docker.io", "library/a")).contains(Credential.basic("exact", "1"));
  }

  @Test
  void emptyEntriesThatDockerWritesForHelpersHoldNoCredentialAndHideNothing() {
    DockerConfig c = config("{\"auths\":{\"ghcr.io\":{},\"quay.io/org\":{},\"quay.io\":{\"auth\":\""
        + auth("u", "p") + "\"},\"x.io\":null}}");
    assertThat(c.credentialFor("ghcr.io", "a")).isEmpty();
    assertThat(c.credentialFor("quay.io", "org/a")).contains(Credential.basic("u", "p"));
    assertThat(c.credentialFor("x.io", "a")).isEmpty();
  }

  @Test
  void passwordPaddingNulsAndBase64LineBreaksAreToleratedAsDockerDoes() {
    String encoded = Base64.getMimeEncoder().encodeToString("u:padded\0\0".getBytes(StandardCharsets.UTF_8));
    DockerConfig c = config("{\"auths\":{\"r.example\":{\"auth\":\"" + encoded.replace("\r\n", "\\r\\n") + "\"}}}");
    assertThat(c.credentialFor("r.example", "a")).contains(Credential.basic("u", "padded"));
  }

  @Test
  void missingEmptyAndSettingsOnlyFilesHaveNoCredentials() {
    DockerConfig missing = DockerConfig.file(dir.resolve("nope/config.json"), CredentialEnvironment.of(Map.of(), dir));
    assertThat(missing.credentialFor("ghcr.io", "a")).isEmpty();
    assertThat(config("").credentialFor("ghcr.io", "a")).isEmpty();
    assertThat(config("  \n").credentialFor("ghcr.io", "a")).isEmpty();
    assertThat(config("{\"psFormat\":\"table\",\"proxies\":{\"default\":{\"httpProxy\":\"http://p:3128\"}},"
        + "\"auths\":null}").credentialFor("ghcr.io", "a")).isEmpty();
  }

  @Test
  void aUtf8ByteOrderMarkIsSkipped() {
    DockerConfig c = config("\uFEFF" + authsJson("ghcr.io", "u", "p"));
    assertThat(c.credentialFor("ghcr.io", "a")).contains(Credential.basic("u", "p"));
  }

  @Test
  void legacyDockercfgMapsRegistriesAtTheRootAndEveryKeyNamesItsHost() {
    Path file = write(dir.resolve(".dockercfg"), "{\"https://index.docker.io/v1/\":{\"auth\":\"" + auth("hub", "1")
        + "\",\"email\":\"a@b\"},\"quay.io/org\":{\"auth\":\"" + auth("quay", "2") + "\"}}");
    DockerConfig c = DockerConfig.legacyFile(file);
    assertThat(c.credentialFor("docker.io", "library/a")).contains(Credential.basic("hub", "1"));
    assertThat(c.credentialFor("quay.io", "elsewhere/a")).contains(Credential.basic("quay", "2"));
    assertThat(c.path()).isEqualTo(file);
    assertThat(DockerConfig.legacyFile(dir.resolve("missing")).credentialFor("quay.io", "a")).isEmpty();
  }

  @Test
  void theFileIsReadOnceAndKeptForTheProvidersLife() throws Exception {
    DockerConfig c = config(authsJson("ghcr.io", "first", "1"));
    assertThat(c.credentialFor("ghcr.io", "a")).contains(Credential.basic("first", "1"));
    Files.writeString(c.path(), authsJson("ghcr.io", "second", "2"));
    assertThat(c.credentialFor("ghcr.io", "a")).contains(Credential.basic("first", "1"));
    DockerConfig fresh = DockerConfig.file(c.path(), CredentialEnvironment.of(Map.of(), dir));
    assertThat(fresh.credentialFor("ghcr.io", "a")).contains(Credential.basic("second", "2"));
  }

  @Test
  void toStringNamesTheFileOnly() {
    DockerConfig c = config(authsJson("ghcr.io", "u", "s3cret"));
    c.credentialFor("ghcr.io", "a");
    assertThat(c.toString()).isEqualTo("DockerConfig[" + c.path() + "]");
  }
}
