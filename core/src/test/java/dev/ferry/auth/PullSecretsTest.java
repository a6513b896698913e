package dev.ferry.auth;

import static dev.ferry.auth.ConfigFiles.auth;
import static dev.ferry.auth.ConfigFiles.authsJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CredentialProvider.fromDockerConfigJson: Kubernetes pull secrets, alone and merged as kubelet merges them. */
class PullSecretsTest {
  private static final String SECRET = "S3CRET-pull";

  private static String legacy(String key, String user, String password) {
    return "{\"" + key + "\":{\"auth\":\"" + auth(user, password) + "\",\"email\":\"ops@example.com\"}}";
  }

  @Test
  void readsADockerconfigjsonSecretFromItsFile(@TempDir Path dir) throws Exception {
    Path secretFile = dir.resolve(".dockerconfigjson");
    Files.writeString(secretFile, authsJson("ghcr.io", "bot", SECRET));
    CredentialProvider p = CredentialProvider.fromDockerConfigJson(Files.readString(secretFile));
    assertThat(p.credentialFor("ghcr.io", "org/app")).contains(Credential.basic("bot", SECRET));
    assertThat(p.credentialFor("quay.io", "org/app")).isEmpty();
  }

  @Test
  void readsTheLegacyDockercfgFormAndUsernamePasswordEntries() {
    assertThat(CredentialProvider.fromDockerConfigJson(legacy("https://index.docker.io/v1/", "hub", "p"))
        .credentialFor("docker.io", "library/nginx")).contains(Credential.basic("hub", "p"));
    assertThat(CredentialProvider.fromDockerConfigJson("{\"auths\":{\"quay.io\":{\"username\":\"u\",\"password\":\"p\"}}}")
        .credentialFor("quay.io", "x")).contains(Credential.basic("u", "p"));
  }

  @Test
  void mergedTheMostSpecificKeyWinsWhicheverSecretHoldsIt() {
    CredentialProvider p = CredentialProvider.fromDockerConfigJson(List.of(
        authsJson("quay.io", "registry-wide", "1"),
        authsJson("quay.io/org", "namespace", "2"),
        legacy("quay.io/org/app", "repository", "3")));
    assertThat(p.credentialFor("quay.io", "org/app")).contains(Credential.basic("repository", "3"));
    assertThat(p.credentialFor("quay.io", "org/other")).contains(Credential.basic("namespace", "2"));
    assertThat(p.credentialFor("quay.io", "elsewhere/app")).contains(Credential.basic("registry-wide", "1"));
  }

  @Test
  void mergedUnderTheSameKeyTheEarlierSecretWins() {
    CredentialProvider p = CredentialProvider.fromDockerConfigJson(List.of(
        authsJson("ghcr.io", "first", "1"), authsJson("https://ghcr.io", "second", "2")));
    assertThat(p.credentialFor("ghcr.io", "x")).contains(Credential.basic("first", "1"));
    CredentialProvider reversed = CredentialProvider.fromDockerConfigJson(List.of(
        authsJson("https://ghcr.io", "second", "2"), authsJson("ghcr.io", "first", "1")));
    assertThat(reversed.credentialFor("ghcr.io", "x")).contains(Credential.basic("second", "2"));
  }

  @Test
  void keysAreReadAsKubeletReadsThem() {
    CredentialProvider p = CredentialProvider.fromDockerConfigJson(List.of(
        authsJson("https://quay.io/v2/org", "v2-stripped", "1"),
        authsJson("*.gcr.io", "glob", "2"),
        authsJson("registry.example:5000", "with-port", "3"),
        authsJson("index.docker.io", "hub", "4")));
    assertThat(p.credentialFor("quay.io", "org/app")).contains(Credential.basic("v2-stripped", "1"));
    assertThat(p.credentialFor("quay.io", "other/app")).isEmpty(); // a URL's path scopes it, unlike in config.json
    assertThat(p.credentialFor("us.gcr.io", "p/app")).contains(Credential.basic("glob", "2"));
    assertThat(p.credentialFor("gcr.io", "p/app")).isEmpty();
    assertThat(p.credentialFor("a.b.gcr.io", "p/app")).isEmpty();
    assertThat(p.credentialFor("registry.example:5000", "x")).contains(Credential.basic("with-port", "3"));
    assertThat(p.credentialFor("registry.example", "x")).isEmpty();
    assertThat(p.credentialFor("docker.io", "library/nginx")).contains(Credential.basic("hub", "4"));
  }

  @Test
  void tokensAndHelpersAreIgnoredAsKubeletIgnoresThem() {
    CredentialProvider p = CredentialProvider.fromDockerConfigJson("{\"credsStore\":\"desktop\",\"auths\":{"
        + "\"a.io\":{\"identitytoken\":\"" + SECRET + "\"},"
        + "\"b.io\":{\"identitytoken\":\"" + SECRET + "\",\"auth\":\"" + auth("u", "p") + "\"}}}");
    assertThat(p.credentialFor("a.io", "x")).isEmpty();
    assertThat(p.credentialFor("b.io", "x")).contains(Credential.basic("u", "p"));
  }

  @Test
  void aMalformedSecretFailsAtOnceAndSaysWhichWithoutItsContent() {
    Throwable t = catchThrowable(() -> CredentialProvider.fromDockerConfigJson(List.of(
        authsJson("ghcr.io", "u", "p"), "{\"auths\":{\"quay.io\":{\"auth\":" + SECRET + "}}}")));
    assertThat(t).isInstanceOf(CredentialException.class).hasMessageStartingWith("pull secret 2 of 2: not valid JSON")
        .hasMessageNotContaining(SECRET);
    Throwable badAuth = catchThrowable(() -> CredentialProvider.fromDockerConfigJson(
        "{\"auths\":{\"quay.io\":{\"auth\":\"" + SECRET + "!\"}}}"));
    assertThat(badAuth).isInstanceOf(CredentialException.class)
        .hasMessage("pull secret 1 of 1: auths.\"quay.io\": \"auth\" is not valid base64");
  }

  @Test
  void aStillEncodedSecretGetsAHint() {
    String encoded = Base64.getEncoder().encodeToString(authsJson("ghcr.io", "u", SECRET).getBytes(StandardCharsets.UTF_8));
    Throwable t = catchThrowable(() -> CredentialProvider.fromDockerConfigJson(encoded));
    assertThat(t).isInstanceOf(CredentialException.class).hasMessageContaining("looks base64-encoded")
        .hasMessageNotContaining(encoded);
  }

  @Test
  void toStringCountsAndNeverShows() {
    CredentialProvider p = CredentialProvider.fromDockerConfigJson(List.of(authsJson("ghcr.io", "u", SECRET),
        legacy("quay.io", "v", SECRET)));
    assertThat(p.toString()).isEqualTo("CredentialProvider.fromDockerConfigJson(2 secrets, 2 credentials)");
  }

  @Test
  void refusesNulls() {
    assertThatThrownBy(() -> CredentialProvider.fromDockerConfigJson((String) null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> CredentialProvider.fromDockerConfigJson(Arrays.asList("{}", null)))
        .isInstanceOf(NullPointerException.class);
  }
}
