package dev.ferry.examples;

import dev.ferry.FerryException;
import dev.ferry.auth.CredentialProvider;
import dev.ferry.auth.gcp.GcpCredentialProvider;
import dev.ferry.copy.CopyOperation;
import dev.ferry.copy.CopyResult;
import dev.ferry.copy.IndexMode;
import dev.ferry.copy.PlatformSelection;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryClient;

/**
 * Mirrors an image, every platform and its digest unchanged, into Google Artifact
 * Registry (or Container Registry) with Application Default Credentials:
 *
 * <pre>
 * java ... dev.ferry.examples.MirrorToArtifactRegistry nginx:1.27 \
 *     europe-west1-docker.pkg.dev/MY_PROJECT/mirror/nginx:1.27
 * </pre>
 *
 * <p>It needs a real Google identity: {@code GOOGLE_APPLICATION_CREDENTIALS} naming a key
 * file, {@code gcloud auth application-default login}, or a Google Cloud VM. Without one it
 * says so and stops before copying anything.
 *
 * @since 0.1
 */
public final class MirrorToArtifactRegistry {
  private MirrorToArtifactRegistry() {}

  /**
   * Runs the mirror.
   *
   * @param args the source image and the Artifact Registry destination
   */
  public static void main(String[] args) {
    if (args.length != 2) {
      System.out.println("usage: MirrorToArtifactRegistry SOURCE LOCATION-docker.pkg.dev/PROJECT/REPOSITORY/IMAGE:TAG");
      return;
    }
    ImageReference source = ImageReference.parse(args[0]);
    ImageReference destination = ImageReference.parse(args[1]);
    if (!GcpCredentialProvider.isGoogleRegistry(destination.registry())) {
      System.out.println(destination.registry() + " is not Artifact Registry or Container Registry");
      System.exit(2);
    }
    // the same provider CredentialProvider.defaults() would find; made here to check for credentials first
    GcpCredentialProvider google = GcpCredentialProvider.applicationDefault();
    try {
      if (google.credentialFor(destination.registry(), destination.repository()).isEmpty()) {
        System.out.println("No Google Application Default Credentials were found: set GOOGLE_APPLICATION_CREDENTIALS"
            + " to a service-account key file, or run `gcloud auth application-default login`. Nothing was copied.");
        System.exit(2);
      }
    } catch (FerryException e) {
      System.out.println("Google credentials are there but unusable: " + e.getMessage());
      System.exit(1);
    }
    try (RegistryClient client = RegistryClient.builder()
        .credentials(CredentialProvider.chain(google, CredentialProvider.defaults()))
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
