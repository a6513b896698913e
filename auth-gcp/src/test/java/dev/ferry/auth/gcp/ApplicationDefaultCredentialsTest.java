package dev.ferry.auth.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ferry.auth.CredentialEnvironment;
import dev.ferry.auth.CredentialException;
import dev.ferry.auth.CredentialProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Application Default Credentials lookup of Google's library, in the environment
 * the build gives this JVM: {@code NO_GCE_CHECK=true} (no metadata-server probe), no
 * {@code GOOGLE_APPLICATION_CREDENTIALS}, and {@code CLOUDSDK_CONFIG} pointing at an
 * empty directory under {@code target/} where a test may put a well-known file.
 */
class ApplicationDefaultCredentialsTest {
  @TempDir
  Path home;

  private Path gcloudConfig;

  @BeforeEach
  void onlyInTheBuildsSealedEnvironment() throws Exception {
    // run from an IDE without the build's environment, the lookup could probe a real metadata server
    assumeTrue("true".equals(System.getenv("NO_GCE_CHECK")), "needs the environment the Maven build sets");
    String config = System.getenv("CLOUDSDK_CONFIG");
    assumeTrue(config != null && config.contains("target"), "needs CLOUDSDK_CONFIG under target/");
    assumeTrue(System.getenv("GOOGLE_APPLICATION_CREDENTIALS") == null, "needs GOOGLE_APPLICATION_CREDENTIALS unset");
    gcloudConfig = Files.createDirectories(Path.of(config));
    Files.deleteIfExists(gcloudConfig.resolve("application_default_credentials.json"));
  }

  @Test
  void absentApplicationDefaultCredentialsLeaveGoogleRegistriesAnonymous() {
    GcpCredentialProvider provider = GcpCredentialProvider.applicationDefault();

    assertThat(provider.credentialFor("gcr.io", "distroless/static")).isEmpty();
    assertThat(provider.credentialFor("us-docker.pkg.dev", "p/r/a")).isEmpty();
  }

  @Test
  void aBrokenWellKnownFileIsACredentialExceptionNotAnonymousAccess() throws Exception {
    Path file = gcloudConfig.resolve("application_default_credentials.json");
    Files.writeString(file, "{\"type\":\"authorized_user\",\"client_id\":");
    try {
      GcpCredentialProvider provider = GcpCredentialProvider.applicationDefault();
      assertThatThrownBy(() -> provider.credentialFor("eu.gcr.io", "p/a"))
          .isInstanceOf(CredentialException.class)
          .hasMessageContaining("eu.gcr.io").hasMessageContaining("applicationDefault");
      assertThat(provider.credentialFor("docker.io", "library/nginx")).as("not Google's: not asked").isEmpty();
    } finally {
      Files.deleteIfExists(file);
    }
  }

  @Test
  void theDefaultChainFindsTheProviderThroughServiceLoaderAndStaysAnonymousWithoutCredentials() throws Exception {
    CredentialProvider defaults = CredentialProvider.defaults(CredentialEnvironment.of(Map.of(), home));
    assertThat(defaults.credentialFor("gcr.io", "distroless/static")).isEmpty();

    // only this module's provider reads gcloud's well-known file: its failure proves the chain asked it
    Path file = gcloudConfig.resolve("application_default_credentials.json");
    Files.writeString(file, "not json");
    try {
      CredentialProvider fresh = CredentialProvider.defaults(CredentialEnvironment.of(Map.of(), home));
      assertThatThrownBy(() -> fresh.credentialFor("gcr.io", "p/a")).isInstanceOf(CredentialException.class)
          .hasMessageContaining("applicationDefault");
      assertThat(fresh.credentialFor("quay.io", "p/a")).isEmpty();
    } finally {
      Files.deleteIfExists(file);
    }
  }

  @Test
  void theProviderIsDeclaredForTheModulePathAndTheClassPath() throws Exception {
    assertThat(GcpCredentialProvider.class.getModule().getDescriptor().provides())
        .anySatisfy(p -> {
          assertThat(p.service()).isEqualTo(CredentialProvider.class.getName());
          assertThat(p.providers()).containsExactly(GcpCredentialProvider.class.getName());
        });
    try (var in = GcpCredentialProvider.class.getResourceAsStream(
        "/META-INF/services/" + CredentialProvider.class.getName())) {
      assertThat(in).isNotNull();
      assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim())
          .isEqualTo(GcpCredentialProvider.class.getName());
    }
  }
}
