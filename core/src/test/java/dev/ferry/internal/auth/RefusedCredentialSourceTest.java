package dev.ferry.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ferry.auth.Credential;
import dev.ferry.auth.CredentialEnvironment;
import dev.ferry.auth.CredentialProvider;
import dev.ferry.registry.AuthenticationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry that refuses a credential (401 to the request that carried it) is reported with where the credential
 * came from, whichever source found it, so the user knows which login to renew; the secret never appears.
 */
class RefusedCredentialSourceTest extends MockRegistryFixture {
  private static final String BASIC = "Basic realm=\"registry\"";
  private static final String DENIED = "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}";
  private static final String USER = "ci-bot";
  private static final String PASSWORD = "s3cret-Pa55";

  @TempDir
  Path home;

  private AuthenticationException refusedWith(CredentialProvider provider) {
    enqueue(401, DENIED, "WWW-Authenticate", BASIC);
    enqueue(401, DENIED, "WWW-Authenticate", BASIC);
    RegistryAuth auth = new RegistryAuth(transport, provider, clock);
    AuthenticationException e = catchThrowableOfType(AuthenticationException.class,
        () -> getManifest(auth, List.of(Scope.pull(NGINX))));
    assertThat(e).isNotNull();
    assertThat(e.status()).isEqualTo(401);
    assertThat(e.credentialsFound()).isTrue();
    String encoded = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    assertThat(e.getMessage()).doesNotContain(PASSWORD).doesNotContain(encoded);
    assertThat(e.toString()).doesNotContain(PASSWORD);
    return e;
  }

  private static String auths() {
    String auth = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    return "{\"auths\":{\"" + REGISTRY + "\":{\"auth\":\"" + auth + "\"}}}";
  }

  private CredentialEnvironment environment(String... pairs) {
    Map<String, String> variables = new java.util.HashMap<>(Map.of("HOME", home.toString(),
        "PATH", home.resolve("bin") + ":/usr/bin:/bin"));
    for (int i = 0; i < pairs.length; i += 2) {
      variables.put(pairs[i], pairs[i + 1]);
    }
    return CredentialEnvironment.of(variables, home);
  }

  private Path write(String relative, String content) throws IOException {
    Path file = home.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }

  @Test
  void aDockerConfigFileIsNamedWithItsEntryAndHowToLogInAgain() throws IOException {
    Path config = write(".docker/config.json", auths());

    AuthenticationException e = refusedWith(CredentialProvider.defaults(environment()));

    assertThat(e.getMessage()).contains("the credentials found for " + REGISTRY + " in " + config + " (auths.\""
        + REGISTRY + "\") were not accepted: renew or correct them there (docker login " + REGISTRY);
  }

  @Test
  void aPodmanAuthFileNamedByRegistryAuthFileIsNamed() throws IOException {
    Path file = write("podman/auth.json", auths());

    AuthenticationException e = refusedWith(CredentialProvider.defaults(
        environment("REGISTRY_AUTH_FILE", file.toString())));

    assertThat(e.getMessage()).contains(" in " + file + " (auths.\"" + REGISTRY + "\") were not accepted");
  }

  @Test
  void theDockerAuthConfigVariableIsNamedNeverItsValue() {
    AuthenticationException e = refusedWith(CredentialProvider.defaults(environment("DOCKER_AUTH_CONFIG", auths())));

    assertThat(e.getMessage()).contains(" in $DOCKER_AUTH_CONFIG (auths.\"" + REGISTRY + "\") were not accepted")
        .doesNotContain("docker login");
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void aCredentialHelperIsNamedWithTheFileThatChoseIt() throws IOException {
    Path helper = write("bin/docker-credential-vault", "#!/bin/sh\ncat > /dev/null\n"
        + "printf '{\"ServerURL\":\"x\",\"Username\":\"" + USER + "\",\"Secret\":\"" + PASSWORD + "\"}'\n");
    Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path config = write(".docker/config.json", "{\"credHelpers\":{\"" + REGISTRY + "\":\"vault\"}}");

    AuthenticationException e = refusedWith(CredentialProvider.defaults(environment()));

    assertThat(e.getMessage()).contains(" in docker-credential-vault (credHelpers of " + config
        + ") were not accepted");
  }

  @Test
  void aPullSecretIsNamedByItsPlaceAndKey() {
    AuthenticationException e = refusedWith(CredentialProvider.fromDockerConfigJson(List.of("{\"auths\":{}}",
        auths())));

    assertThat(e.getMessage()).contains(" in pull secret 2 of 2 (auths.\"" + REGISTRY + "\") were not accepted")
        .doesNotContain("docker login");
  }

  @Test
  void aCredentialGivenInCodeIsNamedByTheCallThatGaveIt() {
    AuthenticationException e = refusedWith(CredentialProvider.of(REGISTRY, Credential.basic(USER, PASSWORD)));

    assertThat(e.getMessage()).contains(" in CredentialProvider.of(\"" + REGISTRY + "\", ...) were not accepted");
  }

  @Test
  void aProviderThatSaysNothingIsNamedByItsClassAndOneThatSaysIsQuoted() {
    AuthenticationException silent = refusedWith(new SilentProvider(Credential.basic(USER, PASSWORD)));
    AuthenticationException told = refusedWith(new SilentProvider(
        Credential.basic(USER, PASSWORD).withSource("vault secret ci/registry")));

    assertThat(silent.getMessage()).contains(" in credential provider " + SilentProvider.class.getName()
        + " were not accepted");
    assertThat(told.getMessage()).contains(" in vault secret ci/registry were not accepted");
  }

  @Test
  void aSourceThatHoldsTheSecretItselfIsWithheld() {
    AuthenticationException e = refusedWith(new SilentProvider(
        Credential.basic(USER, PASSWORD).withSource("token " + PASSWORD + " from the wiki")));

    assertThat(e.getMessage()).contains(" in " + Secrets.WITHHELD + " were not accepted");
  }

  @Test
  void forbiddenNamesTheSourceToo() throws IOException {
    Path config = write(".docker/config.json", auths());
    enqueue(403, "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"denied\"}]}");
    RegistryAuth auth = new RegistryAuth(transport, CredentialProvider.defaults(environment()), clock);

    AuthenticationException e = catchThrowableOfType(AuthenticationException.class,
        () -> getManifest(auth, List.of(Scope.pull(NGINX))));

    assertThat(e.getMessage()).contains(" in " + config + " (auths.\"" + REGISTRY + "\") do not grant this access")
        .doesNotContain(PASSWORD);
  }

  /** A third-party provider: one credential for every registry, with whatever source it was given. */
  private static final class SilentProvider implements CredentialProvider {
    private final Credential credential;

    SilentProvider(Credential credential) {
      this.credential = credential;
    }

    @Override
    public Optional<Credential> credentialFor(String registry, String repository) {
      return Optional.of(credential);
    }
  }
}
