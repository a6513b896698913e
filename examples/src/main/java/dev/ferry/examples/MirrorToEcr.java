package dev.ferry.examples;

import dev.ferry.auth.CredentialProvider;
import dev.ferry.auth.aws.EcrRegistry;
import dev.ferry.auth.aws.EcrRepositories;
import dev.ferry.auth.aws.RepositorySettings;
import dev.ferry.copy.CopyOperation;
import dev.ferry.copy.CopyResult;
import dev.ferry.copy.IndexMode;
import dev.ferry.copy.PlatformSelection;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryClient;
import java.util.List;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Mirrors an image, every platform and its digest unchanged, into Amazon ECR. The ECR credential
 * needs no code: {@code ferry-auth-aws} on the class path is found by
 * {@code CredentialProvider.defaults()} and mints it from the AWS SDK's default credentials
 * (environment, profile, SSO, web identity, instance role). ECR does not create repositories on
 * push, so {@code --create-repository} creates a missing one first.
 *
 * <pre>
 * java ... dev.ferry.examples.MirrorToEcr nginx:1.27 123456789012.dkr.ecr.eu-west-1.amazonaws.com/mirror/nginx:1.27 --create-repository
 * </pre>
 *
 * <p>It needs a real AWS account: without AWS credentials it says so and stops.
 *
 * @since 0.1
 */
public final class MirrorToEcr {
  private MirrorToEcr() {}

  /**
   * Runs the mirror.
   *
   * @param args the source image, the ECR destination, and optionally {@code --create-repository}
   */
  public static void main(String[] args) {
    List<String> arguments = List.of(args);
    if (arguments.size() < 2) {
      System.out.println("usage: MirrorToEcr <source image> <account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>"
          + " [--create-repository]");
      return;
    }
    ImageReference source = ImageReference.parse(arguments.get(0));
    ImageReference destination = ImageReference.parse(arguments.get(1));
    boolean createRepository = arguments.contains("--create-repository");
    if (EcrRegistry.parse(destination.registry()).filter(r -> !r.isPublic()).isEmpty()) {
      System.out.println(destination.registry() + " is not a private ECR registry; nothing to do.");
      return;
    }
    if (!awsCredentialsFound()) {
      System.out.println("No AWS credentials found (set AWS_PROFILE, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY,"
          + " or run where a role is attached); this example needs a real AWS account. Nothing was copied.");
      return;
    }

    if (createRepository) {
      try (EcrRepositories repositories = EcrRepositories.builder()
          .settings(RepositorySettings.defaults().withScanOnPush(true))
          .build()) {
        boolean created = repositories.ensureRepository(destination);
        System.out.println((created ? "created   " : "exists    ") + destination.registry() + "/"
            + destination.repository());
      }
    }
    try (RegistryClient client = RegistryClient.builder().credentials(CredentialProvider.defaults()).build()) {
      CopyResult result = CopyOperation.from(source).to(destination)
          .platforms(PlatformSelection.all())
          .indexMode(IndexMode.PRESERVE_ORIGINAL)
          .listener(event -> System.out.println("  " + event))
          .execute(client);
      System.out.println("mirrored  " + source + " -> " + destination + "  " + result.digest());
    }
  }

  private static boolean awsCredentialsFound() {
    try (DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().build()) {
      chain.resolveCredentials();
      return true;
    } catch (SdkClientException none) {
      return false;
    }
  }
}
