package dev.ferry.examples;

import dev.ferry.copy.CopyEvent;
import dev.ferry.copy.CopyListener;
import dev.ferry.copy.CopyOperation;
import dev.ferry.copy.CopyResult;
import dev.ferry.copy.IndexMode;
import dev.ferry.copy.PlatformSelection;
import dev.ferry.manifest.Descriptor;
import dev.ferry.manifest.ImageIndex;
import dev.ferry.manifest.Platform;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryClient;
import dev.ferry.testing.EmbeddedRegistry;
import dev.ferry.testing.TestImage;
import dev.ferry.testing.TestImages;

/**
 * The quick start: two registries inside this JVM, a multi-platform image pushed
 * into one, copied whole into the other with a line per blob, then one platform
 * copied on its own.
 *
 * @since 0.1
 */
public final class QuickStart {
  private QuickStart() {}

  /**
   * Runs the quick start.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    try (EmbeddedRegistry source = EmbeddedRegistry.start();
         EmbeddedRegistry mirror = EmbeddedRegistry.start();
         RegistryClient client = RegistryClient.builder().plainHttp(source.address(), mirror.address()).build()) {
      TestImage image = TestImages.image().platforms("linux/amd64", "linux/arm64", "linux/arm/v7")
          .layerSizes(3 << 20, 256 << 10).push(client, source.reference("demo/app:1.0"));
      System.out.println("pushed    " + image.reference() + "  " + image.digest());

      ImageReference copy = mirror.reference("mirror/app:1.0");
      CopyResult all = CopyOperation.from(image.reference()).to(copy)
          .platforms(PlatformSelection.all())
          .indexMode(IndexMode.PRESERVE_ORIGINAL)
          .listener(progress())
          .execute(client);
      System.out.println("copied    " + copy + "  " + all.digest()
          + (all.digestChanged() ? "  (digest changed)" : "  (same digest)"));
      ImageIndex index = (ImageIndex) client.fetchManifest(copy);
      for (Descriptor child : index.manifests()) {
        System.out.println("  " + child.platform().map(Platform::toString).orElse("?") + "  " + child.digest());
      }

      ImageReference arm = mirror.reference("mirror/app:1.0-arm64");
      CopyResult one = CopyOperation.from(image.reference()).to(arm)
          .platforms(PlatformSelection.only(Platform.parse("linux/arm64")))
          .indexMode(IndexMode.SINGLE_PLATFORM)
          .listener(progress())
          .execute(client);
      System.out.println("copied    " + arm + "  " + one.digest() + "  (" + one.mediaType() + ")");
    }
  }

  private static CopyListener progress() {
    return new CopyListener() {
      @Override
      public void blobFinished(CopyEvent.BlobFinished event) {
        System.out.printf("  blob %s  %,d bytes in %d ms%n", event.digest(), event.size(),
            event.elapsed().toMillis());
      }

      @Override
      public void blobSkipped(CopyEvent.BlobSkipped event) {
        System.out.printf("  blob %s  already there%n", event.digest());
      }

      @Override
      public void blobMounted(CopyEvent.BlobMounted event) {
        System.out.printf("  blob %s  mounted from %s%n", event.digest(), event.from());
      }
    };
  }
}
