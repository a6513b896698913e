package dev.ferry.examples;

import dev.ferry.copy.CopyOperation;
import dev.ferry.copy.CopyResult;
import dev.ferry.copy.PlatformSelection;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryClient;
import dev.ferry.registry.RegistryOptions;
import dev.ferry.testing.EmbeddedRegistry;
import dev.ferry.testing.TestImage;
import dev.ferry.testing.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Copies an image out of a registry whose certificate a private CA issued (a
 * self-signed corporate registry), into a registry that speaks plain HTTP (a local
 * mirror). Ferry verifies TLS by default; it trusts the private CA only for the
 * registry it is named for, and speaks plain HTTP only to registries named so.
 *
 * @since 0.1
 */
public final class CopyFromSelfSignedRegistry {
  private CopyFromSelfSignedRegistry() {}

  /**
   * Runs the example against two embedded registries: one over HTTPS with its own CA,
   * one over plain HTTP.
   *
   * @param args ignored
   * @throws IOException if the CA file cannot be written
   */
  public static void main(String[] args) throws IOException {
    try (EmbeddedRegistry corporate = EmbeddedRegistry.builder().tls().start();
         EmbeddedRegistry mirror = EmbeddedRegistry.start()) {
      TestImage image = TestImages.image().platforms("linux/amd64", "linux/arm64")
          .push(corporate, "team/app:1.0");
      // the CA as a registry's operators hand it out: a PEM file
      Path ca = corporate.writeCaPem(Files.createTempDirectory("ferry-example").resolve("ca.pem"));

      CopyResult result = copy(image.reference(), ca, mirror.reference("mirror/app:1.0"));
      System.out.println("copied " + image.reference() + " -> " + mirror.reference("mirror/app:1.0")
          + "  " + result.digest());
    }
  }

  /** The part to copy into an application: one client, per-registry TLS settings. */
  static CopyResult copy(ImageReference source, Path sourceCaPem, ImageReference destination) {
    try (RegistryClient client = RegistryClient.builder()
        // verified HTTPS, trusting this CA (in addition to the JDK's) for the source only
        .registry(source.registry(), RegistryOptions.builder().caCertificatesPem(sourceCaPem).build())
        // plain HTTP for the mirror; .insecure(host) would instead accept any certificate
        // and fall back to HTTP, as Docker's insecure-registries setting does
        .plainHttp(destination.registry())
        .build()) {
      return CopyOperation.from(source).to(destination)
          .platforms(PlatformSelection.all())
          .execute(client);
    }
  }
}
