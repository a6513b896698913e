package dev.ferry.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.manifest.ImageIndex;
import dev.ferry.manifest.MediaTypes;
import dev.ferry.registry.RegistryClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JUnit 5 extension, registered on a field and through the annotation; TestImages' media types. */
class EmbeddedRegistryExtensionTest {
  @RegisterExtension
  static EmbeddedRegistryExtension shared = EmbeddedRegistryExtension.perClass();

  @Test
  void aStaticFieldGivesOneRunningRegistryForTheClass() {
    assertThat(shared.get().address()).startsWith("localhost:");
    assertThat(shared.get().reference("demo/app:1.0").toString())
        .isEqualTo(shared.get().address() + "/demo/app:1.0");
  }

  @Test
  void pushesADockerManifestListWithOnePlatformPerChild() {
    TestImage image = TestImages.image().docker().platforms("linux/amd64", "linux/arm64/v8").layerSizes(100, 200)
        .seed(5).push(shared.get(), "demo/docker:1");
    try (RegistryClient client = RegistryClient.builder().plainHttp(shared.get().address()).build()) {
      ImageIndex index = (ImageIndex) client.fetchManifest(image.reference());
      assertThat(index.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST_LIST);
      assertThat(index.manifests()).allSatisfy(d -> assertThat(d.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST_V2));
      assertThat(image.platforms()).hasSize(2);
      assertThat(image.layers()).hasSize(4).doesNotHaveDuplicates();
    }
  }

  @Test
  void theSameSeedMakesTheSameDigest() {
    TestImage a = TestImages.image().seed(9).layerSizes(1000).push(shared.get(), "demo/seed:a");
    TestImage b = TestImages.image().seed(9).layerSizes(1000).push(shared.get(), "demo/seed:b");
    assertThat(a.digest()).isEqualTo(b.digest());
    assertThat(a.mediaType()).isEqualTo(MediaTypes.OCI_IMAGE_MANIFEST);
  }
}
