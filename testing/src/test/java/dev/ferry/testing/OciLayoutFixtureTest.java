package dev.ferry.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.copy.CopyResult;
import dev.ferry.copy.ImageLocationException;
import dev.ferry.manifest.ImageIndex;
import dev.ferry.manifest.Platform;
import dev.ferry.registry.RegistryClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fixtures built offline: TestImages writes an OCI layout, an embedded registry is seeded from it. */
class OciLayoutFixtureTest {
  @TempDir
  Path work;

  @Test
  void testImagesWriteALayoutThatSeedsARegistryWithTheSameDigests() throws IOException {
    Path layout = work.resolve("fixtures");
    TestImage multi = TestImages.image().platforms("linux/amd64", "linux/arm64").layerSizes(50_000, 10)
        .seed(4).writeOciLayout(layout, "app:1.0");
    TestImage single = TestImages.image().docker().seed(5).writeOciLayout(layout, "tool");

    assertThat(Files.readString(layout.resolve("oci-layout"))).contains("imageLayoutVersion");
    assertThat(Files.readString(layout.resolve("index.json"))).contains("\"app:1.0\"").contains("\"tool\"");
    assertThat(layout.resolve("blobs/sha256/" + multi.digest().encoded())).exists();
    assertThat(multi.reference().familiarString()).isEqualTo("app:1.0");
    assertThat(single.reference().tag()).contains("tool");

    try (EmbeddedRegistry registry = EmbeddedRegistry.start();
        RegistryClient client = registry.clientBuilder().build()) {
      CopyResult seeded = registry.seed("demo/app:1.0", layout, "app:1.0");
      registry.seed("demo/tool:2", layout, "tool");

      assertThat(seeded.digest()).isEqualTo(multi.digest());
      ImageIndex index = (ImageIndex) client.fetchManifest(registry.reference("demo/app:1.0"));
      assertThat(index.bytes()).isEqualTo(multi.manifest().bytes());
      assertThat(index.platforms()).containsExactly(Platform.parse("linux/amd64"), Platform.parse("linux/arm64"));
      assertThat(client.fetchManifest(registry.reference("demo/tool:2")).digest()).isEqualTo(single.digest());
      assertThatThrownBy(() -> registry.seed("demo/none:1", layout, "missing"))
          .isInstanceOf(ImageLocationException.class).hasMessageContaining("\"missing\"");
    }
  }
}
