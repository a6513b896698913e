package dev.ferry.auth.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.auth.CredentialEnvironment;
import dev.ferry.auth.CredentialProvider;
import dev.ferry.copy.CopyOperation;
import dev.ferry.copy.CopyResult;
import dev.ferry.copy.IndexMode;
import dev.ferry.copy.PlatformSelection;
import dev.ferry.it.DockerRegistryProcess;
import dev.ferry.it.ExternalCommand;
import dev.ferry.it.RealTools;
import dev.ferry.it.Skopeo;
import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.AuthenticationException;
import dev.ferry.registry.RegistryClient;
import dev.ferry.registry.RetryPolicy;
import dev.ferry.testing.EmbeddedRegistry;
import dev.ferry.testing.TestImage;
import dev.ferry.testing.TestImages;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end with real parts: a real {@code docker-registry} behind htpasswd, whose only user is
 * {@code AWS} with the password the ECR API stand-in hands out, reached by an ECR registry name
 * (resolved to loopback through {@code jdk.net.hosts.file}, see {@code ecr-hosts}). The credential
 * comes only from the provider that {@code CredentialProvider.defaults()} finds with ServiceLoader,
 * configured the zero-code way: the SDK's own system properties for credentials and the ECR
 * endpoint. A real copy goes through it, and {@code skopeo} checks the result independently.
 *
 * <p>Not verified here: that real ECR accepts these tokens (the registry is distribution's, not
 * ECR), TLS to ECR, and the SDK's signing against real AWS.
 */
class EcrCopyIT {
  private static final String ECR_HOST = "123456789012.dkr.ecr.us-east-1.amazonaws.com";
  private static final List<String> SDK_PROPERTIES = List.of("aws.accessKeyId", "aws.secretAccessKey", "aws.endpointUrlEcr");

  @TempDir
  Path work;

  private final String password = "ecr-" + UUID.randomUUID();
  private EcrStandIn ecrApi;

  @BeforeEach
  void zeroCodeConfiguration() throws Exception {
    // never AWS: without the hosts file the ECR name would resolve to the real service
    assertThat(InetAddress.getByName(ECR_HOST).isLoopbackAddress())
        .as("run with -Djdk.net.hosts.file=<test classes>/ecr-hosts, as failsafe does").isTrue();
    ecrApi = EcrStandIn.start().issue(password, Instant.now().plus(Duration.ofHours(12)));
    // what a user sets instead of code: the SDK's standard settings, here as system properties
    System.setProperty("aws.accessKeyId", "AKIDSTANDIN");
    System.setProperty("aws.secretAccessKey", "stand-in-secret-key");
    System.setProperty("aws.endpointUrlEcr", ecrApi.endpoint().toString());
  }

  @AfterEach
  void clear() {
    SDK_PROPERTIES.forEach(System::clearProperty);
    ecrApi.close();
  }

  private DockerRegistryProcess registryWithAwsUser() throws Exception {
    String line = ExternalCommand.run(Duration.ofSeconds(30),
        List.of(RealTools.require("htpasswd").toString(), "-Bbn", "AWS", password)).assertSuccess().out().trim();
    Path htpasswd = work.resolve("htpasswd");
    Files.writeString(htpasswd, line + "\n", StandardCharsets.UTF_8);
    return DockerRegistryProcess.builder(work.resolve("registry")).htpasswd(htpasswd).start();
  }

  private CredentialProvider defaultsWithoutUserFiles() throws Exception {
    // no docker or podman files of the machine running the test: only ServiceLoader providers remain
    return CredentialProvider.defaults(CredentialEnvironment.of(Map.of(), Files.createDirectories(work.resolve("home"))));
  }

  @Test
  void copiesIntoAnEcrNamedRegistryWithTheTokenFoundThroughServiceLoader() throws Exception {
    try (DockerRegistryProcess registry = registryWithAwsUser(); EmbeddedRegistry source = EmbeddedRegistry.start()) {
      String port = registry.address().substring(registry.address().lastIndexOf(':') + 1);
      String ecr = ECR_HOST + ":" + port;
      ImageReference destination = ImageReference.parse(ecr + "/mirror/app:1.0");
      CredentialProvider credentials = defaultsWithoutUserFiles();
      Digest copied;

      try (RegistryClient client = RegistryClient.builder().credentials(credentials)
          .plainHttp(source.address(), ecr).build()) {
        TestImage image = TestImages.image().platforms("linux/amd64", "linux/arm64").layerSizes(300_000, 40_000)
            .push(client, source.reference("demo/app:1.0"));

        try (EcrRepositories repositories = EcrRepositories.create()) { // default chain and endpoint, as configured
          assertThat(repositories.ensureRepository(destination)).isTrue();
        }
        CopyResult result = CopyOperation.from(image.reference()).to(destination)
            .platforms(PlatformSelection.all()).indexMode(IndexMode.PRESERVE_ORIGINAL).execute(client);

        assertThat(result.digest()).isEqualTo(image.digest());
        assertThat(client.fetchManifest(destination).digest()).isEqualTo(image.digest());
        copied = result.digest();
      }
      assertThat(ecrApi.hasRepository("mirror/app")).isTrue();
      // one token for the whole copy, asked for in the registry's region
      assertThat(ecrApi.calls()).filteredOn(c -> c.target().endsWith("GetAuthorizationToken"))
          .singleElement().satisfies(c -> assertThat(c.region()).isEqualTo("us-east-1"));

      // an independent client, given the password the stand-in issued, sees the same bytes
      byte[] raw = Skopeo.require().ok("inspect", "--raw", "--tls-verify=false", "--creds", "AWS:" + password,
          "docker://" + registry.address() + "/mirror/app:1.0").stdout();
      assertThat(Digest.sha256(raw)).isEqualTo(copied);
    }
  }

  @Test
  void withoutTheProviderTheRegistryRefusesAndARefusedTokenStopsTheCopy() throws Exception {
    try (DockerRegistryProcess registry = registryWithAwsUser()) {
      String ecr = ECR_HOST + registry.address().substring(registry.address().lastIndexOf(':'));
      ImageReference destination = ImageReference.parse(ecr + "/mirror/app:1.0");
      try (RegistryClient anonymous = RegistryClient.builder().credentials(CredentialProvider.anonymous())
          .plainHttp(ecr).retryPolicy(RetryPolicy.none()).build()) {
        assertThatThrownBy(() -> anonymous.fetchManifest(destination)).isInstanceOf(AuthenticationException.class);
      }

      ecrApi.failNext("AccessDeniedException", "User: arn:aws:iam::123456789012:user/ci is not authorized to perform:"
          + " ecr:GetAuthorizationToken on resource: *");
      try (RegistryClient client = RegistryClient.builder().credentials(defaultsWithoutUserFiles())
          .plainHttp(ecr).retryPolicy(RetryPolicy.none()).build()) {
        assertThatThrownBy(() -> client.fetchManifest(destination))
            .hasStackTraceContaining("AccessDeniedException")
            .satisfies(e -> assertThat(findCause(e, EcrCredentialException.class)).isNotNull());
      }
    }
  }

  private static <T extends Throwable> T findCause(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
