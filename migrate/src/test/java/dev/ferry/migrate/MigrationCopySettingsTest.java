package dev.ferry.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.manifest.Descriptor;
import dev.ferry.manifest.IndexBuilder;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryClient;
import dev.ferry.testing.EmbeddedRegistry;
import dev.ferry.testing.TestImage;
import dev.ferry.testing.TestImages;
import java.io.StringReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The copy settings a migration hands to each image's copy. */
class MigrationCopySettingsTest {
  @Test
  void referrersAreCopiedOnlyWhenAsked() {
    try (EmbeddedRegistry source = EmbeddedRegistry.start();
         EmbeddedRegistry target = EmbeddedRegistry.start();
         RegistryClient client = RegistryClient.builder().plainHttp(source.address(), target.address()).build()) {
      TestImage image = TestImages.image().seed(1).push(client, source.reference("signed/app:1.0"));
      TestImage signature = TestImages.image().seed(2).push(client, source.reference("signed/app:sig-temp"));
      String hexTag = "sha256-" + image.digest().encoded();
      client.pushManifest(source.reference("signed/app:" + hexTag + ".sig"), signature.manifest());
      Descriptor referrer = signature.manifest().descriptor().toBuilder()
          .artifactType("application/vnd.example.sig").build();
      client.pushManifest(source.reference("signed/app:" + hexTag), IndexBuilder.oci().add(referrer).build());
      ImageScan scan = ImageScan.of(Path.of("pod.yaml"),
          new StringReader("image: " + source.address() + "/signed/app:1.0\n"));

      Migration.of(scan).toPrefix(target.address() + "/plain").execute(client);
      Migration.of(scan).toPrefix(target.address() + "/signed").includeReferrers(true).execute(client);

      ImageReference plain = ImageReference.parse(target.address() + "/plain/signed/app:" + hexTag + ".sig");
      ImageReference signed = ImageReference.parse(target.address() + "/signed/signed/app:" + hexTag + ".sig");
      assertThat(client.headManifest(plain)).isEmpty();
      assertThat(client.headManifest(signed).orElseThrow().digest()).isEqualTo(signature.digest());
    }
  }

  @Test
  void aReferenceWithTagAndDigestKeepsBothAndTheTagIsWrittenAtTheDestination(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    try (EmbeddedRegistry source = EmbeddedRegistry.start();
         EmbeddedRegistry target = EmbeddedRegistry.start();
         RegistryClient client = RegistryClient.builder().plainHttp(source.address(), target.address()).build()) {
      TestImage image = TestImages.image().platforms("linux/amd64", "linux/arm64")
          .push(client, source.reference("team/app:1.0"));
      java.nio.file.Files.writeString(dir.resolve("Dockerfile"),
          "FROM " + source.address() + "/team/app:1.0@" + image.digest() + "\n");

      MigrationReport report = Migration.of(ImageScan.of(dir)).toPrefix(target.address()).execute(client);

      assertThat(report.succeeded()).as(report.summary()).isTrue();
      assertThat(java.nio.file.Files.readString(dir.resolve("Dockerfile")))
          .isEqualTo("FROM " + target.address() + "/team/app:1.0@" + image.digest() + "\n");
      assertThat(client.headManifest(ImageReference.parse(target.address() + "/team/app:1.0")).orElseThrow().digest())
          .isEqualTo(image.digest());
    }
  }
}
