package dev.ferry.auth.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.auth.CredentialProvider;
import dev.ferry.copy.CopyOperation;
import dev.ferry.copy.CopyResult;
import dev.ferry.copy.IndexMode;
import dev.ferry.copy.PlatformSelection;
import dev.ferry.it.DockerRegistryProcess;
import dev.ferry.it.ExternalCommand;
import dev.ferry.it.RealTools;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.AuthenticationException;
import dev.ferry.registry.RegistryClient;
import dev.ferry.registry.RetryPolicy;
import dev.ferry.testing.EmbeddedRegistry;
import dev.ferry.testing.TestImage;
import dev.ferry.testing.TestImages;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code docker-registry} behind htpasswd, whose one user is {@code oauth2accesstoken}
 * with the access token Google's stand-in token endpoint issues as its password, as Artifact
 * Registry takes it. The provider gets that token with a service-account key (the JWT bearer
 * grant against the stand-in) and a real {@link CopyOperation} pushes a multi-platform image.
 */
class GcpRegistryIT {
  @TempDir
  Path work;

  @Test
  void aCopyIntoARegistryIsAuthenticatedWithTheProvidersAccessToken() throws Exception {
    try (GoogleTokenEndpoint google = new GoogleTokenEndpoint();
        EmbeddedRegistry source = EmbeddedRegistry.start()) {
      GcpCredentialProvider provider = GcpCredentialProvider.builder().serviceAccountKey(new ByteArrayInputStream(
          google.serviceAccountKeyJson(GoogleTokenEndpoint.rsaKey(), "ci@ferry-test.iam.gserviceaccount.com")
              .getBytes(StandardCharsets.UTF_8))).build();
      // the first token the stand-in issues is the one the registry will accept
      Path htpasswd = work.resolve("htpasswd");
      String line = ExternalCommand.run(Duration.ofSeconds(30), List.of(RealTools.require("htpasswd").toString(),
          "-Bbn", GcpCredentialProvider.USERNAME, "ya29.stand-in-1")).assertSuccess().out().trim();
      Files.writeString(htpasswd, line + "\n");

      try (DockerRegistryProcess registry = DockerRegistryProcess.builder(work.resolve("registry"))
          .htpasswd(htpasswd).start()) {
        // the loopback registry stands where us-docker.pkg.dev would: ask the provider as for that host
        CredentialProvider asArtifactRegistry = (host, repository) -> host.equals(registry.address())
            ? provider.credentialFor("us-docker.pkg.dev", repository) : Optional.empty();
        TestImage image = TestImages.image().platforms("linux/amd64", "linux/arm64").layerSizes(300_000, 2_000)
            .push(source, "app/web:1.0");
        ImageReference destination = ImageReference.parse(registry.address() + "/ferry-test/mirror/web:1.0");

        try (RegistryClient anonymous = RegistryClient.builder().plainHttp(source.address(), registry.address())
            .retryPolicy(RetryPolicy.none()).build()) {
          assertThatThrownBy(() -> CopyOperation.from(image.reference()).to(destination).execute(anonymous))
              .hasRootCauseInstanceOf(AuthenticationException.class);
        }
        try (RegistryClient client = RegistryClient.builder().plainHttp(source.address(), registry.address())
            .credentials(asArtifactRegistry).build()) {
          CopyResult result = CopyOperation.from(image.reference()).to(destination)
              .platforms(PlatformSelection.all()).indexMode(IndexMode.PRESERVE_ORIGINAL).execute(client);

          assertThat(result.digest()).isEqualTo(image.digest());
          assertThat(client.fetchManifest(destination).digest()).isEqualTo(image.digest());
        }
        assertThat(google.requests()).as("one token served every request of the copy").hasSize(1);
      }
    }
  }
}
