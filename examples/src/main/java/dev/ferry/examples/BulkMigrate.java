package dev.ferry.examples;

import dev.ferry.copy.BulkCopy;
import dev.ferry.copy.BulkEntry;
import dev.ferry.copy.BulkResult;
import dev.ferry.copy.PlatformSelection;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryClient;
import dev.ferry.testing.EmbeddedRegistry;
import dev.ferry.testing.TestImages;
import java.util.List;

/**
 * Migrates a list of images into another registry under a prefix, several at once,
 * going on past failures and reporting each image: the job to run once when moving
 * off one registry. Run it again and up-to-date images are skipped.
 *
 * @since 0.1
 */
public final class BulkMigrate {
  private BulkMigrate() {}

  /**
   * Runs the example between two embedded registries.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    try (EmbeddedRegistry old = EmbeddedRegistry.start();
         EmbeddedRegistry target = EmbeddedRegistry.start();
         RegistryClient client = RegistryClient.builder().plainHttp(old.address(), target.address()).build()) {
      List<ImageReference> images = List.of(
          TestImages.image().platforms("linux/amd64", "linux/arm64").push(client, old.reference("web/frontend:2.3"))
              .reference(),
          TestImages.image().push(client, old.reference("web/api:1.9")).reference(),
          TestImages.image().docker().push(client, old.reference("tools/migrate:0.4")).reference(),
          old.reference("web/missing:1.0"));   // not there: reported, the others go on

      BulkResult result = migrate(client, images, target.address() + "/migrated");
      for (BulkEntry entry : result.entries()) {
        System.out.println(entry.status() + "  " + entry.source() + " -> " + entry.destination());
      }
      System.out.println(result.copied() + " copied, " + result.failed() + " failed in " + result.duration());
    }
  }

  /** Copies every image to {@code prefix}/its repository:its tag, all platforms, four images at a time. */
  static BulkResult migrate(RegistryClient client, List<ImageReference> images, String prefix) {
    return BulkCopy.toPrefix(images, prefix)
        .configure(copy -> copy.platforms(PlatformSelection.all()))
        .concurrency(4)
        .continueOnError(true)
        .execute(client);
  }
}
