package dev.ferry.auth.gcp;

import dev.ferry.it.LoopbackTls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.http.HttpTransportFactory;
import com.google.auth.oauth2.GoogleCredentials;
import dev.ferry.auth.Credential;
import dev.ferry.auth.CredentialException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workload identity federation ({@code external_account}) through Google's own code: a
 * file-sourced subject token (a CI system's OIDC token) traded at a loopback HTTPS stand-in of
 * Google's STS for the access token the provider hands to the registry. The credentials are
 * parsed explicitly, not found as Application Default Credentials, because Google's library
 * keeps found default credentials for the JVM's life and would hand them to the other tests.
 */
class ExternalAccountCredentialsTest {
  private static final String AUDIENCE =
      "//iam.googleapis.com/projects/123456789/locations/global/workloadIdentityPools/ci/providers/ferry";
  private static final String SUBJECT_TOKEN = "eyJhbGciOiJSUzI1NiJ9.an-oidc-token-of-the-ci-system.c2ln";

  @TempDir
  Path dir;

  private final LoopbackTls tls = new LoopbackTls();
  // trusts the test CA only: a token URL anywhere but the stand-in would fail its handshake
  private final HttpTransportFactory transport = () -> new NetHttpTransport.Builder()
      .setSslSocketFactory(tls.clientContext().getSocketFactory()).build();
  private StsEndpoint sts;
  private Path subjectTokenFile;

  @BeforeEach
  void start() throws Exception {
    sts = new StsEndpoint(tls, SUBJECT_TOKEN);
    subjectTokenFile = Files.writeString(dir.resolve("oidc-token"), SUBJECT_TOKEN);
  }

  @AfterEach
  void stop() {
    sts.close();
  }

  private GoogleCredentials externalAccount(HttpTransportFactory transportFactory) throws Exception {
    String json = "{\"type\":\"external_account\",\"audience\":\"" + AUDIENCE + "\","
        + "\"subject_token_type\":\"urn:ietf:params:oauth:token-type:jwt\","
        + "\"token_url\":\"" + sts.tokenUrl() + "\","
        + "\"credential_source\":{\"file\":\"" + subjectTokenFile.toString().replace("\\", "\\\\") + "\"}}";
    return GoogleCredentials.fromStream(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
        transportFactory);
  }

  @Test
  void theSubjectTokenFromTheFileIsExchangedAtStsForTheCloudPlatformAccessToken() throws Exception {
    GcpCredentialProvider provider = GcpCredentialProvider.builder().credentials(externalAccount(transport)).build();

    assertThat(provider.credentialFor("europe-west4-docker.pkg.dev", "ferry-test/mirror/nginx"))
        .contains(Credential.basic(GcpCredentialProvider.USERNAME, "ya29.sts-1"));
    assertThat(provider.credentialFor("gcr.io", "ferry-test/app")).as("held, not asked again")
        .contains(Credential.basic(GcpCredentialProvider.USERNAME, "ya29.sts-1"));

    assertThat(sts.requestLines()).containsExactly("POST " + StsEndpoint.TOKEN_PATH);
    assertThat(sts.forms().get(0)).containsEntry("grant_type", StsEndpoint.TOKEN_EXCHANGE)
        .containsEntry("audience", AUDIENCE)
        .containsEntry("subject_token", SUBJECT_TOKEN)
        .containsEntry("subject_token_type", "urn:ietf:params:oauth:token-type:jwt")
        .containsEntry("requested_token_type", "urn:ietf:params:oauth:token-type:access_token")
        .containsEntry("scope", "https://www.googleapis.com/auth/cloud-platform");
  }

  @Test
  void aSubjectTokenStsRefusesIsACredentialExceptionNamingTheRegistry() throws Exception {
    Files.writeString(subjectTokenFile, "an-expired-oidc-token");
    GcpCredentialProvider provider = GcpCredentialProvider.builder().credentials(externalAccount(transport)).build();

    assertThatThrownBy(() -> provider.credentialFor("gcr.io", "p/a")).isInstanceOf(CredentialException.class)
        .hasMessageContaining("gcr.io")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("an-expired-oidc-token"));
    assertThat(sts.forms()).hasSize(1);
  }

  @Test
  void theStandInIsOnlyReachedOverTlsThatTheTestCaVouchesFor() throws Exception {
    // Google's default transport: the JDK's trusted roots, which do not include the test CA
    GcpCredentialProvider provider = GcpCredentialProvider.builder()
        .credentials(externalAccount(NetHttpTransport::new)).build();

    assertThatThrownBy(() -> provider.credentialFor("gcr.io", "p/a")).isInstanceOf(CredentialException.class);
    assertThat(sts.forms()).isEmpty();
  }
}
