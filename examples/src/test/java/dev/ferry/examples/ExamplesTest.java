package dev.ferry.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.copy.BulkEntry;
import dev.ferry.copy.BulkResult;
import dev.ferry.copy.CopyException;
import dev.ferry.copy.CopyOperation;
import dev.ferry.copy.CopyResult;
import dev.ferry.manifest.ImageIndex;
import dev.ferry.manifest.Platform;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.AuthenticationException;
import dev.ferry.registry.RegistryClient;
import dev.ferry.testing.EmbeddedRegistry;
import dev.ferry.testing.TestImage;
import dev.ferry.testing.TestImages;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every example runs, its main as a user would and its core method against embedded registries, with results checked. */
class ExamplesTest {
  @TempDir
  Path work;

  private static String run(ThrowingMain main) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      main.run(new String[0]);
    } finally {
      System.setOut(original);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @FunctionalInterface
  interface ThrowingMain {
    void run(String[] args) throws Exception;
  }

  @Test
  void everyMainRunsToTheEnd() throws Exception {
    assertThat(run(QuickStart::main)).contains("(same digest)").contains("linux/arm64");
    assertThat(run(CopyFromSelfSignedRegistry::main)).contains("copied ").contains("sha256:");
    assertThat(run(PullSecretCopy::main)).contains("copied with the pull secret: sha256:");
    assertThat(run(ManifestListFromPerArchImages::main)).contains("linux/amd64").contains("linux/arm64");
    assertThat(run(BulkMigrate::main)).contains("3 copied, 1 failed");
    assertThat(run(AirGappedTransfer::main)).contains("exported ").contains("imported ").contains("digests equal");
    assertThat(run(MigrateRepository::main)).contains("Plan: 3 images to copy, 1 image skipped")
        .contains("+          image: \"").contains("@sha256:").contains("migrated");
    assertThat(run(ProgressBarCopy::main)).contains("100%").contains("0 skipped, 6 to mount")
        .contains("6 sent, 0 skipped, 0 mounted").contains("0 sent, 0 skipped, 6 mounted").contains("up to date");
    assertThat(run(MirrorOnSchedule::main)).contains("run 1: 3 copied, 0 up to date")
        .contains("run 2: 1 copied, 3 up to date").contains("run 3: 0 copied, 4 up to date")
        .contains("mirrored: app [1.4.0, 1.4.1], worker [v1.5.0, v1.6.0]");
  }

  @Test
  void theProgressBarsTotalIsThePlanAndItEndsFull() {
    try (EmbeddedRegistry source = EmbeddedRegistry.start(); EmbeddedRegistry mirror = EmbeddedRegistry.start();
         RegistryClient client = RegistryClient.builder().plainHttp(source.address(), mirror.address()).build()) {
      TestImage image = TestImages.image().platforms("linux/amd64", "linux/arm64").layerSizes(3 << 20, 100_000)
          .push(client, source.reference("bar/app:1"));
      ByteArrayOutputStream drawn = new ByteArrayOutputStream();
      ProgressBarCopy.Bar bar = new ProgressBarCopy.Bar("bar", new PrintStream(drawn, true, StandardCharsets.UTF_8));

      CopyResult result = CopyOperation.from(image.reference()).to(mirror.reference("bar/app:1")).listener(bar)
          .execute(client);
      bar.close();

      assertThat(bar.total()).isEqualTo(result.bytesTransferred()).isPositive();
      assertThat(bar.done()).isEqualTo(bar.total());
      assertThat(drawn.toString(StandardCharsets.UTF_8)).contains("6 blobs (" + result.bytesTransferred() + " bytes)")
          .contains("100%");
    }
  }

  @Test
  void copiesFromATlsRegistryTrustingItsCaIntoAPlainOneWithTheSameDigest() {
    try (EmbeddedRegistry tls = EmbeddedRegistry.builder().tls().start();
         EmbeddedRegistry plain = EmbeddedRegistry.start()) {
      TestImage image = TestImages.image().platforms("linux/amd64", "linux/arm/v7").push(tls, "a/b:1");

      CopyResult result = CopyFromSelfSignedRegistry.copy(image.reference(), tls.writeCaPem(work.resolve("ca.pem")),
          plain.reference("c/d:1"));

      assertThat(result.digest()).isEqualTo(image.digest());
      try (RegistryClient client = plain.clientBuilder().build()) {
        assertThat(client.fetchManifest(plain.reference("c/d:1")).digest()).isEqualTo(image.digest());
      }
    }
  }

  @Test
  void thePullSecretsCredentialsOpenTheRegistryAndOthersDoNot() {
    try (EmbeddedRegistry registry = EmbeddedRegistry.builder().basicAuth().user("puller", "pw").start();
         EmbeddedRegistry mirror = EmbeddedRegistry.start()) {
      TestImage image = TestImages.image().push(registry, "p/app:1");

      CopyResult result = PullSecretCopy.copy(PullSecretCopy.dockerConfigJson(registry.address(), "puller", "pw"),
          image.reference(), mirror.reference("m/app:1"));

      assertThat(result.digest()).isEqualTo(image.digest());
      Assertions.assertThatThrownBy(() -> PullSecretCopy.copy(
          PullSecretCopy.dockerConfigJson(registry.address(), "puller", "not-it"), image.reference(),
          mirror.reference("m/app:2"))).isInstanceOf(CopyException.class)
          .hasCauseInstanceOf(AuthenticationException.class);
    }
  }

  @Test
  void combinesPerArchImagesIntoAnIndexWhoseChildrenAreThoseImages() {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start();
         RegistryClient client = registry.clientBuilder().build()) {
      Map<Platform, ImageReference> perArch = new LinkedHashMap<>();
      Map<Platform, TestImage> pushed = new LinkedHashMap<>();
      for (String p : List.of("linux/amd64", "linux/arm64", "linux/arm/v7")) {
        ImageReference tag = registry.reference("x/app:" + p.replace('/', '-'));
        pushed.put(Platform.parse(p), TestImages.image().platforms(p).push(client, tag));
        perArch.put(Platform.parse(p), tag);
      }

      ImageIndex index = ManifestListFromPerArchImages.combine(client, perArch, registry.reference("x/app:1"));

      assertThat(client.fetchManifest(registry.reference("x/app:1")).digest()).isEqualTo(index.digest());
      assertThat(index.manifests()).hasSize(3).allSatisfy(child -> assertThat(child.digest())
          .isEqualTo(pushed.get(child.platform().orElseThrow()).digest()));
    }
  }

  @Test
  void migratesEveryImageUnderThePrefixAndReportsTheMissingOne() {
    try (EmbeddedRegistry old = EmbeddedRegistry.start();
         EmbeddedRegistry target = EmbeddedRegistry.start();
         RegistryClient client = RegistryClient.builder().plainHttp(old.address(), target.address()).build()) {
      TestImage one = TestImages.image().platforms("linux/amd64", "linux/arm64").push(client, old.reference("a/one:1"));
      TestImage two = TestImages.image().push(client, old.reference("b/two:2"));
      List<ImageReference> images = List.of(one.reference(), two.reference(), old.reference("c/none:3"));

      BulkResult first = BulkMigrate.migrate(client, images, target.address() + "/moved");
      BulkResult again = BulkMigrate.migrate(client, images, target.address() + "/moved");

      assertThat(first.entries()).extracting(BulkEntry::status)
          .containsExactly(BulkEntry.Status.COPIED, BulkEntry.Status.COPIED, BulkEntry.Status.FAILED);
      assertThat(client.fetchManifest(target.reference("moved/a/one:1")).digest()).isEqualTo(one.digest());
      assertThat(client.fetchManifest(target.reference("moved/b/two:2")).digest()).isEqualTo(two.digest());
      assertThat(again.entries()).extracting(BulkEntry::status)
          .containsExactly(BulkEntry.Status.UP_TO_DATE, BulkEntry.Status.UP_TO_DATE, BulkEntry.Status.FAILED);
    }
  }

  @Test
  void migratesTheSampleTreeRewritingOnlyImageTextWithPinnedDigests() throws Exception {
    try (EmbeddedRegistry old = EmbeddedRegistry.start();
         EmbeddedRegistry target = EmbeddedRegistry.start();
         RegistryClient client = RegistryClient.builder().plainHttp(old.address(), target.address()).build()) {
      TestImage nginx = TestImages.image().push(client, old.reference("library/nginx:1.27"));
      TestImage python = TestImages.image().push(client, old.reference("library/python:3.12"));
      TestImage redis = TestImages.image().push(client, old.reference("bitnami/redis:7.2.5"));
      MigrateRepository.writeSample(work, old.address());
      String web = java.nio.file.Files.readString(work.resolve("k8s/web.yaml"));
      String prefix = target.address() + "/mirror";

      dev.ferry.migrate.MigrationReport done = MigrateRepository.migrate(dev.ferry.migrate.ImageScan.of(work), prefix)
          .execute(client);

      assertThat(done.succeeded()).isTrue();
      assertThat(MigrateRepository.rewritten(done)).hasSize(3);
      assertThat(java.nio.file.Files.readString(work.resolve("k8s/web.yaml"))).isEqualTo(web
          .replace(old.address() + "/library/nginx:1.27", prefix + "/library/nginx:1.27@" + nginx.digest())
          .replace(old.address() + "/library/python:3.12", prefix + "/library/python:3.12@" + python.digest()));
      assertThat(client.fetchManifest(ImageReference.parse(prefix + "/bitnami/redis:7.2.5")).digest())
          .isEqualTo(redis.digest());
    }
  }
}
