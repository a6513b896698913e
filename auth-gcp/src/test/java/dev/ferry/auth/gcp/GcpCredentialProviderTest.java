package dev.ferry.auth.gcp;

import dev.ferry.it.FormBody;
import dev.ferry.it.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.http.HttpTransportFactory;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.ComputeEngineCredentials;
import com.google.auth.oauth2.GoogleCredentials;
import dev.ferry.auth.Credential;
import dev.ferry.auth.CredentialException;
import java.io.ByteArrayInputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GcpCredentialProviderTest {
  private static final String EMAIL = "mirror-bot@ferry-test.iam.gserviceaccount.com";
  private static final KeyPair KEY = GoogleTokenEndpoint.rsaKey();

  @TempDir
  Path dir;

  private GoogleTokenEndpoint google;
  private final MutableClock clock = new MutableClock(Instant.now());

  @BeforeEach
  void start() throws Exception {
    google = new GoogleTokenEndpoint();
  }

  @AfterEach
  void stop() {
    google.close();
  }

  private GcpCredentialProvider.Builder withKey() {
    return GcpCredentialProvider.builder().clock(clock).serviceAccountKey(
        new ByteArrayInputStream(google.serviceAccountKeyJson(KEY, EMAIL).getBytes(StandardCharsets.UTF_8)));
  }

  private static String password(Optional<Credential> credential) {
    assertThat(credential).isPresent();
    assertThat(credential.get()).isInstanceOf(dev.ferry.auth.UsernamePassword.class);
    dev.ferry.auth.UsernamePassword basic = (dev.ferry.auth.UsernamePassword) credential.get();
    assertThat(basic.username()).isEqualTo(GcpCredentialProvider.USERNAME);
    return basic.password();
  }

  @Test
  void serviceAccountKeyGivesTheAccessTokenOfAJwtBearerGrantSignedWithTheKeyForTheCloudPlatformScope()
      throws Exception {
    GcpCredentialProvider provider = withKey().build();

    assertThat(provider.credentialFor("us-docker.pkg.dev", "ferry-test/mirror/nginx"))
        .contains(Credential.basic("oauth2accesstoken", "ya29.stand-in-1"));

    RecordedRequest request = google.requests().get(0);
    assertThat(request.getMethod()).isEqualTo("POST");
    Map<String, String> form = FormBody.of(request);
    assertThat(form).containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
    String[] jwt = form.get("assertion").split("\\.");
    assertThat(jwt).hasSize(3);
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initVerify(KEY.getPublic());
    rsa.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(rsa.verify(Base64.getUrlDecoder().decode(jwt[2]))).as("signed with the key's private key").isTrue();
    String claims = new String(Base64.getUrlDecoder().decode(jwt[1]), StandardCharsets.UTF_8);
    assertThat(claims).contains("\"iss\":\"" + EMAIL + "\"")
        .contains("\"scope\":\"https://www.googleapis.com/auth/cloud-platform\"")
        .contains("\"aud\":\"https://oauth2.googleapis.com/token\"");  // the library's fixed audience
  }

  @Test
  void keyFileOnDiskWorksAsTheStreamDoes() throws Exception {
    Path file = dir.resolve("key.json");
    Files.writeString(file, google.serviceAccountKeyJson(KEY, EMAIL));
    GcpCredentialProvider provider = GcpCredentialProvider.builder().serviceAccountKey(file).build();

    assertThat(password(provider.credentialFor("gcr.io", "ferry-test/app"))).isEqualTo("ya29.stand-in-1");
    assertThat(provider.toString()).contains("serviceAccountKey").contains("key.json").doesNotContain("BEGIN");
  }

  @Test
  void oneTokenServesEveryGoogleRegistryUntilItIsWithinTheMarginOfItsExpiry() {
    google.lifetimeSeconds(3600);
    GcpCredentialProvider provider = withKey().refreshMargin(Duration.ofMinutes(5)).build();

    assertThat(password(provider.credentialFor("gcr.io", "p/a"))).isEqualTo("ya29.stand-in-1");
    assertThat(password(provider.credentialFor("eu.gcr.io", "p/b"))).isEqualTo("ya29.stand-in-1");
    clock.advance(Duration.ofMinutes(54));
    assertThat(password(provider.credentialFor("europe-west1-docker.pkg.dev", "p/r/c"))).isEqualTo("ya29.stand-in-1");
    assertThat(google.requests()).hasSize(1);

    clock.advance(Duration.ofMinutes(1).plusSeconds(1));
    assertThat(password(provider.credentialFor("gcr.io", "p/a"))).isEqualTo("ya29.stand-in-2");
    assertThat(password(provider.credentialFor("gcr.io", "p/a"))).isEqualTo("ya29.stand-in-2");
    assertThat(google.requests()).hasSize(2);
  }

  @Test
  void aFailedRefreshKeepsTheHeldTokenWhileItIsValidThenFailsWithoutLeakingSecrets() {
    GcpCredentialProvider provider = withKey().build();
    assertThat(password(provider.credentialFor("gcr.io", "p/a"))).isEqualTo("ya29.stand-in-1");

    google.refuseWith(400);
    clock.advance(Duration.ofMinutes(57));
    assertThat(password(provider.credentialFor("gcr.io", "p/a"))).as("within the margin, still valid")
        .isEqualTo("ya29.stand-in-1");
    assertThat(google.requests()).hasSize(2);

    clock.advance(Duration.ofMinutes(4));
    assertThatThrownBy(() -> provider.credentialFor("gcr.io", "p/a"))
        .isInstanceOf(CredentialException.class)
        .hasMessageContaining("gcr.io").hasMessageContaining("ServiceAccountCredentials")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("ya29").doesNotContain("PRIVATE KEY"));
  }

  @Test
  void aFailedRefreshIsNotTriedAgainForAMinuteWhileTheHeldTokenIsValid() {
    GcpCredentialProvider provider = withKey().build();
    assertThat(password(provider.credentialFor("gcr.io", "p/a"))).isEqualTo("ya29.stand-in-1");

    google.refuseWith(400);
    clock.advance(Duration.ofMinutes(56));
    assertThat(password(provider.credentialFor("gcr.io", "p/a"))).isEqualTo("ya29.stand-in-1");
    assertThat(google.requests()).hasSize(2);
    google.refuseWith(0);
    clock.advance(Duration.ofSeconds(59));
    assertThat(password(provider.credentialFor("eu.gcr.io", "p/a"))).as("within the pause").isEqualTo("ya29.stand-in-1");
    assertThat(google.requests()).hasSize(2);

    clock.advance(Duration.ofSeconds(1));
    assertThat(password(provider.credentialFor("gcr.io", "p/a"))).isEqualTo("ya29.stand-in-2");
    assertThat(google.requests()).hasSize(3);
  }

  @Test
  void aRefusedFirstTokenIsACredentialExceptionNamingTheRegistryNeverAnonymous() {
    google.refuseWith(401);
    GcpCredentialProvider provider = withKey().build();

    assertThatThrownBy(() -> provider.credentialFor("asia.gcr.io", "p/a"))
        .isInstanceOf(CredentialException.class)
        .hasMessageContaining("asia.gcr.io")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("PRIVATE KEY"));
  }

  @Test
  void otherRegistriesAndLookAlikesGetNothingAndCauseNoRequest() {
    GcpCredentialProvider provider = withKey().build();

    for (String host : List.of("docker.io", "ghcr.io", "gcr.io.evil.com", "evilgcr.io", "x-docker.pkg.dev.evil",
        "localhost:5000", "gcr.io:5000")) {
      assertThat(provider.credentialFor(host, "p/a")).as(host).isEmpty();
    }
    assertThat(google.requests()).isEmpty();
  }

  @Test
  void aMalformedServiceAccountKeyFailsAtBuildWithoutQuotingIt() {
    String broken = google.serviceAccountKeyJson(KEY, EMAIL).replace("-----BEGIN PRIVATE KEY-----\\n",
        "-----BEGIN PRIVATE KEY-----\\nnot-base64!");
    assertThatThrownBy(() -> GcpCredentialProvider.builder()
        .serviceAccountKey(new ByteArrayInputStream(broken.getBytes(StandardCharsets.UTF_8))).build())
        .isInstanceOf(CredentialException.class)
        .hasMessageContaining("service account key")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("MII"));
    assertThatThrownBy(() -> GcpCredentialProvider.builder().serviceAccountKey(dir.resolve("missing.json")))
        .isInstanceOf(CredentialException.class).hasMessageContaining("missing.json");
  }

  @Test
  void anAccessTokenInHandIsUsedAsItIsUntilItExpires() {
    GoogleCredentials fixed = GoogleCredentials.create(
        new AccessToken("ya29.given", Date.from(clock.instant().plus(Duration.ofMinutes(30)))));
    GcpCredentialProvider provider = GcpCredentialProvider.builder().credentials(fixed).clock(clock)
        .refreshMargin(Duration.ZERO).build();

    assertThat(password(provider.credentialFor("gcr.io", "p/a"))).isEqualTo("ya29.given");
    clock.advance(Duration.ofMinutes(31));
    assertThatThrownBy(() -> provider.credentialFor("gcr.io", "p/a")).isInstanceOf(CredentialException.class)
        .hasMessageContaining("GoogleCredentials").hasMessageNotContaining("ya29.given");
  }

  @Test
  void concurrentLookupsShareOneTokenRequest() throws Exception {
    GcpCredentialProvider provider = withKey().build();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<String>> calls = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        calls.add(() -> password(provider.credentialFor("us-docker.pkg.dev", "p/r/a")));
      }
      for (Future<String> f : pool.invokeAll(calls)) {
        assertThat(f.get()).isEqualTo("ya29.stand-in-1");
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(google.requests()).hasSize(1);
  }

  @Test
  void computeEngineCredentialsAskTheMetadataServerWithTheMetadataFlavorHeader() {
    // every request of this transport goes to the loopback stand-in, whatever host it names
    HttpTransportFactory loopback = () -> new NetHttpTransport.Builder().setConnectionFactory(url ->
        (HttpURLConnection) new URL("http", "127.0.0.1", google.port(), url.getFile()).openConnection()).build();
    GoogleCredentials metadata = ComputeEngineCredentials.newBuilder().setHttpTransportFactory(loopback).build();
    GcpCredentialProvider provider = GcpCredentialProvider.builder().credentials(metadata).build();

    assertThat(password(provider.credentialFor("docker.us-central1.rep.pkg.dev", "p/r/a"))).isEqualTo("ya29.stand-in-1");
    RecordedRequest request = google.requests().get(0);
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getUrl().encodedPath()).isEqualTo(GoogleTokenEndpoint.METADATA_TOKEN_PATH);
    assertThat(request.getHeaders().get("Metadata-Flavor")).isEqualTo("Google");
  }
}
