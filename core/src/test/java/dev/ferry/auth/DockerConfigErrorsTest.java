package dev.ferry.auth;

import static dev.ferry.auth.ConfigFiles.auth;
import static dev.ferry.auth.ConfigFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken files fail loudly, name the file and the entry, and never show a secret. */
class DockerConfigErrorsTest {
  private static final String SECRET = "S3CRET-value";

  @TempDir
  Path dir;

  private DockerConfig config(String json) {
    return DockerConfig.file(write(dir.resolve("config.json"), json), CredentialEnvironment.of(Map.of(), dir));
  }

  /** The lookup fails with a CredentialException that names the file, has no cause, and shows no secret. */
  private CredentialException failure(DockerConfig c) {
    Throwable t = catchThrowable(() -> c.credentialFor("ghcr.io", "org/app"));
    assertThat(t).isInstanceOf(CredentialException.class);
    assertThat(t.getMessage()).contains(c.path().toString()).doesNotContain(SECRET);
    assertThat(t.toString()).doesNotContain(SECRET);
    assertThat(t.getCause()).isNull();
    return (CredentialException) t;
  }

  @Test
  void malformedJsonNamesTheFileAndPlaceButNotTheTextAroundIt() {
    String encoded = Base64.getEncoder().encodeToString(("u:" + SECRET).getBytes(StandardCharsets.UTF_8));
    CredentialException e = failure(config("{\"auths\":{\"ghcr.io\":{\"auth\": " + encoded + "}}}"));
    assertThat(e.getMessage()).contains("not valid JSON").contains("line 1");
    CredentialException bare = failure(config("{\"auths\":{\"ghcr.io\":{\"auth\": \"" + SECRET + "\"}"));
    assertThat(bare.getMessage()).contains("not valid JSON");
    failure(config("{\"auths\": {\"ghcr.io\": {\"password\": " + SECRET + "}}}"));
  }

  @Test
  void badBase64NamesTheEntry() {
    CredentialException e = failure(config("{\"auths\":{\"ghcr.io\":{\"auth\":\"!!" + SECRET + "\"}}}"));
    assertThat(e.getMessage()).contains("auths.\"ghcr.io\"").contains("\"auth\" is not valid base64");
  }

  @Test
  void authWithoutAColonOrWithoutAUserIsRefused() {
    String noColon = Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8));
    assertThat(failure(config("{\"auths\":{\"ghcr.io\":{\"auth\":\"" + noColon + "\"}}}")).getMessage())
        .contains("holds no ':'");
    assertThat(failure(config("{\"auths\":{\"ghcr.io\":{\"auth\":\"" + auth("", SECRET) + "\"}}}")).getMessage())
        .contains("no user name");
  }

  @Test
  void fieldsOfTheWrongTypeAreRefused() {
    assertThat(failure(config("{\"auths\":[\"ghcr.io\"]}")).getMessage()).contains("\"auths\" must be a JSON object");
    assertThat(failure(config("{\"auths\":{\"ghcr.io\":\"" + SECRET + "\"}}")).getMessage())
        .contains("auths.\"ghcr.io\": must be a JSON object");
    assertThat(failure(config("{\"auths\":{\"ghcr.io\":{\"auth\":42}}}")).getMessage())
        .contains("\"auth\" must be a string");
    assertThat(failure(config("{\"credsStore\":true}")).getMessage()).contains("\"credsStore\" must be a string");
    assertThat(failure(config("{\"credHelpers\":{\"ghcr.io\":1}}")).getMessage()).contains("must be a string");
    assertThat(failure(config("[]")).getMessage()).contains("root must be a JSON object");
    assertThat(failure(config("{\"auths\":{\"ghcr.io\":{\"password\":\"" + SECRET + "\"}}}")).getMessage())
        .contains("no \"username\"");
  }

  @Test
  void duplicateKeysAreAmbiguousAndRefused() {
    assertThat(failure(config("{\"auths\":{\"ghcr.io\":{\"auth\":\"" + auth("a", "1") + "\"},\"ghcr.io\":{}}}"))
        .getMessage()).contains("duplicate key \"ghcr.io\"");
  }

  @Test
  void helperNamesThatCouldLeaveThePathAreRefused() {
    assertThat(failure(config("{\"credsStore\":\"../../bin/sh\"}")).getMessage())
        .contains("credsStore").contains("is not a credential helper name");
    assertThat(failure(config("{\"credHelpers\":{\"ghcr.io\":\"-rf\"}}")).getMessage())
        .contains("credHelpers.\"ghcr.io\"");
  }

  @Test
  void unreadableAndOversizedFilesFail() throws Exception {
    Path directory = Files.createDirectories(dir.resolve("is-a-dir"));
    DockerConfig c = DockerConfig.file(directory, CredentialEnvironment.of(Map.of(), dir));
    Throwable t = catchThrowable(() -> c.credentialFor("ghcr.io", "a"));
    assertThat(t).isInstanceOf(CredentialException.class).hasMessageContaining("cannot read " + directory);

    Path big = dir.resolve("big.json");
    Files.write(big, new byte[4 * 1024 * 1024 + 1]);
    Throwable tooBig = catchThrowable(() -> DockerConfig.file(big, CredentialEnvironment.of(Map.of(), dir))
        .credentialFor("ghcr.io", "a"));
    assertThat(tooBig).isInstanceOf(CredentialException.class).hasMessageContaining("larger than 4194304 bytes");
  }

  @Test
  void aBrokenFileFailsEveryLookupNeverFallingBackToAnonymous() {
    DockerConfig c = config("{\"auths\":{\"ghcr.io\":{\"auth\":\"%%%\"}}}");
    String first = failure(c).getMessage();
    assertThat(failure(c).getMessage()).isEqualTo(first);
    Throwable other = catchThrowable(() -> c.credentialFor("quay.io", "x"));
    assertThat(other).isInstanceOf(CredentialException.class).hasMessage(first);
  }

  @Test
  void credentialsFoundNeverShowTheirSecretInToString() {
    DockerConfig c = config("{\"auths\":{\"a.io\":{\"auth\":\"" + auth("u", SECRET) + "\"},"
        + "\"b.io\":{\"identitytoken\":\"" + SECRET + "\"},\"c.io\":{\"registrytoken\":\"" + SECRET + "\"}}}");
    for (String registry : new String[] {"a.io", "b.io", "c.io"}) {
      assertThat(c.credentialFor(registry, "x").orElseThrow().toString()).doesNotContain(SECRET);
    }
    assertThat(c.toString()).doesNotContain(SECRET);
  }
}
