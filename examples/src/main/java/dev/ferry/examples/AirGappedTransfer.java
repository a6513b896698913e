package dev.ferry.examples;

import dev.ferry.copy.CopyOperation;
import dev.ferry.copy.CopyResult;
import dev.ferry.copy.ImageLocation;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryClient;
import dev.ferry.testing.EmbeddedRegistry;
import dev.ferry.testing.TestImage;
import dev.ferry.testing.TestImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An air-gapped transfer: a multi-platform image leaves a connected registry as one OCI
 * archive file (carried across the gap on a disk), and the other side loads it into its own
 * registry. Both digests are printed: they are equal, so signatures and pinned
 * {@code name@sha256:...} references keep working on the far side.
 *
 * @since 0.1
 */
public final class AirGappedTransfer {
  private AirGappedTransfer() {}

  /**
   * Runs the transfer between two embedded registries through a temporary directory.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    Path gap = temporaryDirectory();
    try (EmbeddedRegistry connected = EmbeddedRegistry.start();
         EmbeddedRegistry airGapped = EmbeddedRegistry.start();
         RegistryClient client = RegistryClient.builder().plainHttp(connected.address(), airGapped.address()).build()) {
      TestImage image = TestImages.image().platforms("linux/amd64", "linux/arm64")
          .layerSizes(1 << 20, 64 << 10).push(client, connected.reference("apps/web:3.1"));
      Path archive = gap.resolve("web-3.1.oci.tar");

      // on the connected side: registry -> one file
      CopyResult out = CopyOperation.from(ImageLocation.of(image.reference()))
          .to(ImageLocation.ociArchive(archive, "apps/web:3.1"))
          .execute(client);
      System.out.println("exported  " + image.reference() + "  " + out.sourceDigest());
      System.out.println("archive   " + archive.getFileName() + "  " + size(archive) + " bytes");

      // on the air-gapped side: the file -> its own registry
      ImageReference inside = airGapped.reference("mirror/web:3.1");
      CopyResult in = CopyOperation.from(ImageLocation.ociArchive(archive, "apps/web:3.1"))
          .to(ImageLocation.of(inside))
          .execute(client);
      System.out.println("imported  " + inside + "  " + in.digest());
      System.out.println(in.digest().equals(out.sourceDigest()) ? "digests equal" : "digests differ");
    } finally {
      deleteQuietly(gap);
    }
  }

  private static Path temporaryDirectory() {
    try {
      return Files.createTempDirectory("ferry-airgap");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory left behind is the operating system's to clean
    }
  }
}
