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
  void takesTheBase64ValueAsItSitsInTheSecretsData() {
    String encoded = b64(authsJson("ghcr.io", "u", SECRET));
    assertThat(CredentialProvider.fromDockerConfigJson(encoded).credentialFor("ghcr.io", "x"))
        .contains(Credential.basic("u", SECRET));
    String wrapped = encoded.substring(0, 20) + "\n" + encoded.substring(20) + "\n";
    assertThat(CredentialProvider.fromDockerConfigJson(wrapped).credentialFor("ghcr.io", "x"))
        .contains(Credential.basic("u", SECRET));
  }

  @Test
  void takesAWholeSecretAsKubectlPrintsItInJson() {
    String secret = "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"regcred\","
        + "\"namespace\":\"default\"},\"type\":\"kubernetes.io/dockerconfigjson\",\"data\":{\".dockerconfigjson\":\""
        + b64(authsJson("ghcr.io", "u", SECRET)) + "\"}}";
    assertThat(CredentialProvider.fromDockerConfigJson(secret).credentialFor("ghcr.io", "x"))
        .contains(Credential.basic("u", SECRET));
  }

  @Test
  void takesAWholeSecretInYamlWithDataOrStringDataAndEitherType() {
    String kubectl = """
        apiVersion: v1
        data:
          .dockerconfigjson: %s
        kind: Secret
        metadata:
          annotations:
            note: "a: tricky # value"
          creationTimestamp: "2026-12-01T10:00:00Z"
          managedFields:
          - apiVersion: v1
            fieldsType: FieldsV1
            fieldsV1:
              f:data:
                .: {}
          name: regcred
          namespace: default
        type: kubernetes.io/dockerconfigjson
        """.formatted(b64(authsJson("ghcr.io", "kubectl", SECRET)));
    String handWritten = """
        # written by hand, applied with kubectl apply -f
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: regcred}
        type: kubernetes.io/dockerconfigjson
        stringData:
          ".dockerconfigjson": |
            {"auths": {"quay.io": {"username": "hand", "password": "%s"}}}
        """.formatted(SECRET);
    String legacy = """
        apiVersion: v1
        kind: Secret
        type: kubernetes.io/dockercfg
        stringData:
          .dockercfg: '{"registry.example:5000": {"auth": "%s"}}'
        """.formatted(auth("old", SECRET));
    String crlf = kubectl.replace("\n", "\r\n");

    assertThat(CredentialProvider.fromDockerConfigJson(kubectl).credentialFor("ghcr.io", "x"))
        .contains(Credential.basic("kubectl", SECRET));
    assertThat(CredentialProvider.fromDockerConfigJson(crlf).credentialFor("ghcr.io", "x"))
        .contains(Credential.basic("kubectl", SECRET));
    assertThat(CredentialProvider.fromDockerConfigJson(handWritten).credentialFor("quay.io", "x"))
        .contains(Credential.basic("hand", SECRET));
    assertThat(CredentialProvider.fromDockerConfigJson(legacy).credentialFor("registry.example:5000", "x"))
        .contains(Credential.basic("old", SECRET));
  }

  @Test
  void stringDataWinsOverDataAsTheApiServerMergesThem() {
    String secret = "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"type\":\"kubernetes.io/dockerconfigjson\","
        + "\"data\":{\".dockerconfigjson\":\"" + b64(authsJson("ghcr.io", "data", "1")) + "\"},"
        + "\"stringData\":{\".dockerconfigjson\":" + quoted(authsJson("ghcr.io", "stringData", "2")) + "}}";
    assertThat(CredentialProvider.fromDockerConfigJson(secret).credentialFor("ghcr.io", "x"))
        .contains(Credential.basic("stringData", "2"));
  }

  @Test
  void aSecretOfAnotherKindOrTypeSaysWhatWasPassedAndWhatIsExpected() {
    String opaque = "apiVersion: v1\nkind: Secret\ntype: Opaque\ndata:\n  password: " + b64(SECRET) + "\n";
    assertThat(catchThrowable(() -> CredentialProvider.fromDockerConfigJson(opaque)))
        .isInstanceOf(CredentialException.class)
        .hasMessage("pull secret 1 of 1: Secret of type \"Opaque\" holds no registry credentials for kubelet: pull"
            + " secrets have type kubernetes.io/dockerconfigjson (key .dockerconfigjson) or kubernetes.io/dockercfg"
            + " (key .dockercfg)")
        .hasMessageNotContaining(b64(SECRET));
    String configMap = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"data\":{\"x\":\"" + SECRET + "\"}}";
    assertThat(catchThrowable(() -> CredentialProvider.fromDockerConfigJson(configMap)))
        .isInstanceOf(CredentialException.class)
        .hasMessageStartingWith("pull secret 1 of 1: a Kubernetes \"ConfigMap\" object, not a Secret; expected the"
            + " Secret's decoded .dockerconfigjson").hasMessageNotContaining(SECRET);
    String missing = "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"type\":\"kubernetes.io/dockerconfigjson\","
        + "\"data\":{\".dockercfg\":\"" + b64("{}") + "\"}}";
    assertThat(catchThrowable(() -> CredentialProvider.fromDockerConfigJson(missing)))
        .hasMessage("pull secret 1 of 1: Secret of type \"kubernetes.io/dockerconfigjson\" has no"
            + " \".dockerconfigjson\" under data or stringData");
    assertThat(catchThrowable(() -> CredentialProvider.fromDockerConfigJson("just some " + SECRET)))
        .isInstanceOf(CredentialException.class)
        .hasMessageContaining("neither JSON, base64 nor YAML; expected").hasMessageNotContaining(SECRET);
  }

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String quoted(String json) {
    return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
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
