package dev.ferry.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.auth.Credential;
import dev.ferry.auth.CredentialProvider;
import dev.ferry.copy.CopyOperation;
import dev.ferry.copy.CopyResult;
import dev.ferry.copy.PlatformSelection;
import dev.ferry.manifest.Descriptor;
import dev.ferry.manifest.ImageManifest;
import dev.ferry.registry.AuthenticationException;
import dev.ferry.registry.RegistryClient;
import dev.ferry.registry.RegistryResponseException;
import dev.ferry.registry.RetryPolicy;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ferry's own RegistryClient against the embedded registry's TLS, Basic and token auth, read-only mode and redirects. */
class AuthClientTest {
  private static RegistryClient client(EmbeddedRegistry registry, String user, String password) {
    return registry.clientBuilder().retryPolicy(RetryPolicy.none())
        .credentials(CredentialProvider.of(registry.address(), Credential.basic(user, password))).build();
  }

  private static void pullsEveryBlob(RegistryClient client, TestImage image) throws Exception {
    ImageManifest manifest = (ImageManifest) client.fetchManifest(image.reference());
    for (Descriptor layer : manifest.layers()) {
      try (InputStream in = client.openBlob(image.reference(), layer)) {
        assertThat(in.readAllBytes()).hasSize((int) layer.size());
      }
    }
  }

  @Test
  void basicAuthOverTlsPushesAndPullsWithTheRightPasswordOnly() throws Exception {
    try (EmbeddedRegistry registry = EmbeddedRegistry.builder().tls().basicAuth().user("alice", "pw").start()) {
      try (RegistryClient alice = client(registry, "alice", "pw")) {
        TestImage image = TestImages.image().push(alice, registry.reference("basic/app:1"));
        pullsEveryBlob(alice, image);
      }
      try (RegistryClient wrong = client(registry, "alice", "nope")) {
        assertThatThrownBy(() -> wrong.fetchManifest(registry.reference("basic/app:1")))
            .isInstanceOfSatisfying(AuthenticationException.class, e -> assertThat(e.credentialsFound()).isTrue());
      }
    }
  }

  @Test
  void tokenAuthOverTlsWorksWithTheGetFlowThePasswordGrantAndAnIdentityToken() throws Exception {
    try (EmbeddedRegistry registry = EmbeddedRegistry.builder().tls().tokenAuth().user("alice", "pw").start()) {
      TestImage image;
      try (RegistryClient alice = client(registry, "alice", "pw")) {
        image = TestImages.image().push(alice, registry.reference("token/app:1"));
        pullsEveryBlob(alice, image);
      }
      registry.clearRequests();
      try (RegistryClient oauth = registry.clientBuilder().oauth2PasswordGrant(true)
          .credentials(CredentialProvider.of(registry.address(), Credential.basic("alice", "pw"))).build()) {
        pullsEveryBlob(oauth, image);
      }
      assertThat(registry.requests()).anyMatch(c -> c.method().equals("POST") && c.path().equals("/token")
          && c.status() == 200);

      String refresh = new RawTls(registry).refreshToken("alice", "pw");
      try (RegistryClient identity = registry.clientBuilder()
          .credentials(CredentialProvider.of(registry.address(), Credential.identityToken(refresh))).build()) {
        pullsEveryBlob(identity, image);
      }
    }
  }

  @Test
  void aReaderIsRefusedAPushButPulls() throws Exception {
    try (EmbeddedRegistry registry = EmbeddedRegistry.builder().tokenAuth().user("reader", "pw", "*", "pull")
        .start()) {
      TestImage image = TestImages.image().push(registry, "team/app:1");
      try (RegistryClient reader = client(registry, "reader", "pw")) {
        pullsEveryBlob(reader, image);
        assertThatThrownBy(() -> TestImages.image().push(reader, registry.reference("team/app:2")))
            .isInstanceOf(AuthenticationException.class);
      }
    }
  }

  @Test
  void aReadOnlyRegistryRefusesAFerryPushWith405() {
    try (EmbeddedRegistry registry = EmbeddedRegistry.builder().readOnly().start();
        RegistryClient client = registry.clientBuilder().retryPolicy(RetryPolicy.none()).build()) {
      assertThatThrownBy(() -> TestImages.image().push(client, registry.reference("ro/app:1")))
          .isInstanceOfSatisfying(RegistryResponseException.class, e -> {
            assertThat(e.status()).isEqualTo(405);
            assertThat(e.getMessage()).contains("UNSUPPORTED");
          });
    }
  }

  @Test
  void ferryFollowsTheRedirectToTheStorageHostWithoutTheRegistrysAuthorization() throws Exception {
    try (EmbeddedRegistry source = EmbeddedRegistry.builder().tls().tokenAuth().user("alice", "pw")
        .redirectBlobDownloads().start();
        EmbeddedRegistry target = EmbeddedRegistry.start()) {
      TestImage image = TestImages.image().layerSizes(300_000, 20_000).push(source, "redirect/app:1");
      source.clearRequests();
      try (RegistryClient client = source.clientBuilder().plainHttp(target.address())
          .credentials(CredentialProvider.of(source.address(), Credential.basic("alice", "pw"))).build()) {
        pullsEveryBlob(client, image);
        CopyResult copied = CopyOperation.from(image.reference()).to(target.reference("copied/app:1"))
            .platforms(PlatformSelection.all()).execute(client);
        assertThat(copied.digest()).isEqualTo(image.digest());
      }

      List<RecordedCall> storage = source.requests().stream().filter(c -> c.path().startsWith("/storage/")).toList();
      List<RecordedCall> redirects = source.requests().stream().filter(c -> c.status() == 307).toList();
      assertThat(redirects).isNotEmpty().allMatch(RecordedCall::hasAuthorization);
      assertThat(storage).hasSameSizeAs(redirects).allMatch(c -> c.status() == 200)
          .noneMatch(RecordedCall::hasAuthorization);
    }
  }

  @Test
  void aResumedDownloadFromTheStorageHostCompletes() throws Exception {
    try (EmbeddedRegistry registry = EmbeddedRegistry.builder().redirectBlobDownloads().start();
        RegistryClient client = registry.clientBuilder().build()) {
      TestImage image = TestImages.image().layerSizes(200_000).push(registry, "resume/app:1");
      registry.dropBlobConnectionAfter(50_000, 1);

      pullsEveryBlob(client, image);

      assertThat(registry.requests()).filteredOn(c -> c.path().startsWith("/storage/"))
          .anyMatch(c -> c.range().isPresent());
    }
  }

  /** The one thing Ferry's client has no API for: asking the token endpoint for a refresh token. */
  private record RawTls(EmbeddedRegistry registry) {
    String refreshToken(String user, String password) throws Exception {
      javax.net.ssl.HttpsURLConnection post = (javax.net.ssl.HttpsURLConnection) registry.url().resolve("/token")
          .toURL().openConnection();
      post.setSSLSocketFactory(registry.sslContext().getSocketFactory());
      post.setRequestMethod("POST");
      post.setDoOutput(true);
      post.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
      post.getOutputStream().write(("grant_type=password&client_id=test&access_type=offline&username=" + user
          + "&password=" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      assertThat(post.getResponseCode()).isEqualTo(200);
      String body = new String(post.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"refresh_token\":\"([^\"]+)\"").matcher(body);
      assertThat(m.find()).isTrue();
      return m.group(1);
    }
  }

}
