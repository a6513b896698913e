package dev.ferry.examples;

import dev.ferry.auth.CredentialProvider;
import dev.ferry.copy.CopyOperation;
import dev.ferry.copy.CopyResult;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryClient;
import dev.ferry.testing.EmbeddedRegistry;
import dev.ferry.testing.TestImage;
import dev.ferry.testing.TestImages;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Uses a Kubernetes image pull secret ({@code kubernetes.io/dockerconfigjson}) as
 * Ferry's credentials: the same JSON the kubelet reads, so a job in the cluster pulls
 * with the secret mounted into its pod. The registry here wants Basic auth.
 *
 * @since 0.1
 */
public final class PullSecretCopy {
  private PullSecretCopy() {}

  /**
   * Runs the example against an embedded registry that requires a password, and one that does not.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    try (EmbeddedRegistry registry = EmbeddedRegistry.builder().basicAuth().user("puller", "s3cret").start();
         EmbeddedRegistry mirror = EmbeddedRegistry.start()) {
      TestImage image = TestImages.image().push(registry, "private/app:1.0");
      // what `kubectl get secret regcred -o jsonpath='{.data.\.dockerconfigjson}' | base64 -d` prints
      String secret = dockerConfigJson(registry.address(), "puller", "s3cret");

      CopyResult result = copy(secret, image.reference(), mirror.reference("mirror/app:1.0"));
      System.out.println("copied with the pull secret: " + result.digest());
    }
  }

  /** Copies with the secret's credentials; registries the secret does not name are asked anonymously. */
  static CopyResult copy(String dockerConfigJson, ImageReference source, ImageReference destination) {
    try (RegistryClient client = RegistryClient.builder()
        .credentials(CredentialProvider.fromDockerConfigJson(dockerConfigJson))
        .plainHttp(source.registry(), destination.registry())   // loopback test registries only
        .build()) {
      return CopyOperation.from(source).to(destination).execute(client);
    }
  }

  /** The {@code .dockerconfigjson} of a secret made by {@code kubectl create secret docker-registry}. */
  static String dockerConfigJson(String registry, String user, String password) {
    String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return "{\"auths\":{\"" + registry + "\":{\"username\":\"" + user + "\",\"password\":\"" + password
        + "\",\"auth\":\"" + auth + "\"}}}";
  }
}
