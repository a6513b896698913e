package demo;

import dev.ferry.copy.CopyOperation;
import dev.ferry.copy.CopyResult;
import dev.ferry.registry.RegistryClient;
import dev.ferry.testing.EmbeddedRegistry;
import dev.ferry.testing.TestImage;
import dev.ferry.testing.TestImages;

/** A user's first copy: two in-process registries, one multi-platform image, copied with its digest. */
public final class Mirror {
  public static void main(String[] args) {
    try (EmbeddedRegistry source = EmbeddedRegistry.start();
         EmbeddedRegistry mirror = EmbeddedRegistry.start();
         RegistryClient client = RegistryClient.builder().plainHttp(source.address(), mirror.address()).build()) {
      TestImage image = TestImages.image().platforms("linux/amd64", "linux/arm64").push(source, "team/app:1.0");
      CopyResult result = CopyOperation.from(image.reference()).to(mirror.reference("mirror/app:1.0")).execute(client);
      System.out.println("source " + image.digest());
      System.out.println("copied " + result.digest());
      System.out.println("stored " + client.fetchManifest(mirror.reference("mirror/app:1.0")).digest());
    }
  }
}
