package dev.ferry.examples;

import dev.ferry.FerryException;
import dev.ferry.auth.CredentialProvider;
import dev.ferry.auth.azure.AcrCredentialProvider;
import dev.ferry.copy.CopyOperation;
import dev.ferry.copy.CopyResult;
import dev.ferry.copy.IndexMode;
import dev.ferry.copy.PlatformSelection;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryClient;

/**
 * Mirrors an image, every platform and its digest unchanged, into Azure Container
 * Registry with an Entra ID identity ({@code DefaultAzureCredential}):
 *
 * <pre>
 * java ... dev.ferry.examples.MirrorToAcr nginx:1.27 myregistry.azurecr.io/mirror/nginx:1.27
 * </pre>
 *
 * <p>It needs a real Azure identity allowed to push ({@code AcrPush}): the
 * {@code AZURE_CLIENT_ID} / {@code AZURE_TENANT_ID} / {@code AZURE_CLIENT_SECRET} variables,
 * workload or managed identity, or {@code az login}. Without one it says so and stops before
 * copying anything. With the admin user, no SDK is involved:
 * {@code CredentialProvider.of("myregistry.azurecr.io", Credential.basic(user, password))}.
 *
 * @since 0.1
 */
public final class MirrorToAcr {
  private MirrorToAcr() {}

  /**
   * Runs the mirror.
   *
   * @param args the source image and the ACR destination
   */
  public static void main(String[] args) {
    if (args.length != 2) {
      System.out.println("usage: MirrorToAcr SOURCE REGISTRY.azurecr.io/REPOSITORY:TAG");
      return;
    }
    ImageReference source = ImageReference.parse(args[0]);
    ImageReference destination = ImageReference.parse(args[1]);
    if (!AcrCredentialProvider.isAzureRegistry(destination.registry())) {
      System.out.println(destination.registry() + " is not an Azure Container Registry login server");
      System.exit(2);
    }
    // the same provider CredentialProvider.defaults() would find; made here to check for an identity first
    AcrCredentialProvider azure = new AcrCredentialProvider();
    try {
      if (azure.credentialFor(destination.registry(), destination.repository()).isEmpty()) {
        System.out.println("No Azure identity was found (DefaultAzureCredential): set AZURE_CLIENT_ID, AZURE_TENANT_ID"
            + " and AZURE_CLIENT_SECRET, use a managed identity, or run `az login`. Nothing was copied.");
        System.exit(2);
      }
    } catch (FerryException e) {
      System.out.println("An Azure identity is there but gave no ACR token: " + e.getMessage());
      System.exit(1);
    }
    try (RegistryClient client = RegistryClient.builder()
        .credentials(CredentialProvider.chain(azure, CredentialProvider.defaults()))
        .build()) {
      CopyResult result = CopyOperation.from(source).to(destination)
          .platforms(PlatformSelection.all())
          .indexMode(IndexMode.PRESERVE_ORIGINAL)
          .execute(client);
      System.out.println("mirrored " + source + " to " + destination + "  " + result.digest()
          + "  (" + result.blobsCopied() + " blobs copied, " + result.blobsSkipped() + " already there)");
    }
  }
}
