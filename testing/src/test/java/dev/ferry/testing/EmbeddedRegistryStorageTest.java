package dev.ferry.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.manifest.Manifest;
import dev.ferry.manifest.MediaTypes;
import dev.ferry.registry.RegistryClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Directory storage survives a restart; 50 concurrent pushes and pulls all succeed. */
class EmbeddedRegistryStorageTest {
  @TempDir
  Path dir;

  @Test
  void directoryStorageKeepsImagesAcrossARestart() {
    TestImage image;
    try (EmbeddedRegistry registry = EmbeddedRegistry.builder().directory(dir).start()) {
      image = TestImages.image().platforms("linux/amd64", "linux/arm64").layerSizes(5_000).push(registry, "keep/me:1");
    }
    try (EmbeddedRegistry registry = EmbeddedRegistry.builder().directory(dir).start();
         RegistryClient client = RegistryClient.builder().plainHttp(registry.address()).build()) {
      Manifest index = client.fetchManifest(registry.reference("keep/me:1"));
      assertThat(index.digest()).isEqualTo(image.digest());
      assertThat(index.mediaType()).isEqualTo(MediaTypes.OCI_IMAGE_INDEX);
      assertThat(client.listTags(registry.reference("keep/me"))).containsExactly("1");
      assertThat(client.catalog(registry.address())).containsExactly("keep/me");
    }
  }

  @Test
  void fiftyConcurrentPushesAndPullsSucceedInMemoryAndOnDisk() throws Exception {
    concurrently(EmbeddedRegistry.start());
    concurrently(EmbeddedRegistry.builder().directory(dir).start());
  }

  private static void concurrently(EmbeddedRegistry started) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(50);
    try (EmbeddedRegistry registry = started;
         RegistryClient client = RegistryClient.builder().plainHttp(registry.address()).build()) {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        int n = i;
        results.add(pool.submit(() -> {
          // half share one repository and seed, so the same blobs race each other
          String repo = n % 2 == 0 ? "load/shared" : "load/r" + n;
          TestImage image = TestImages.image().seed(n % 2 == 0 ? 7 : n).layerSizes(100_000, 20_000)
              .push(client, registry.reference(repo + ":t" + n));
          Manifest pulled = client.fetchManifest(registry.reference(repo + ":t" + n));
          try (var in = client.openBlob(registry.reference(repo),
              ((dev.ferry.manifest.ImageManifest) pulled).layers().get(0))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
          }
          return pulled.digest().equals(image.digest());
        }));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get()).isTrue();
      }
      assertThat(client.listTags(registry.reference("load/shared"))).hasSize(25);
    } finally {
      pool.shutdownNow();
    }
  }
}
