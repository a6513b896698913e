package dev.ferry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.manifest.Descriptor;
import dev.ferry.manifest.ImageIndex;
import dev.ferry.manifest.IndexBuilder;
import dev.ferry.manifest.Manifest;
import dev.ferry.manifest.MediaTypes;
import dev.ferry.manifest.Platform;
import dev.ferry.manifest.PlatformMatcher;
import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The no-I/O part of the public face in DESIGN.md, written exactly as it stands there. */
class DesignContractTest {
  @Test
  void referencesNormaliseAsTheDesignShows() {
    ImageReference src = ImageReference.parse("nginx:1.27");
    ImageReference dst = ImageReference.parse("localhost:5000/mirror/nginx:1.27");

    assertThat(src).hasToString("docker.io/library/nginx:1.27");
    assertThat(src.familiarString()).isEqualTo("nginx:1.27");
    assertThat(dst.registry()).isEqualTo("localhost:5000");
    assertThat(dst.repository()).isEqualTo("mirror/nginx");
    assertThat(dst.tag()).contains("1.27");
  }

  @Test
  void platformsDecideAsContainerdDoes() {
    Platform host = Platform.parse("linux/arm/v7");
    PlatformMatcher runs = PlatformMatcher.compatible(host);

    assertThat(runs.matches(Platform.parse("linux/arm/v6"))).isTrue();
    assertThat(PlatformMatcher.strict(host).matches(Platform.parse("linux/arm"))).isTrue();
    Platform a = Platform.parse("linux/arm/v7");
    Platform b = Platform.parse("linux/arm/v6");
    assertThat(runs.compare(a, b)).isNegative();
  }

  @Test
  void indexSelectsTheBestChildForTheHost() {
    Descriptor v6 = Descriptor.of(MediaTypes.OCI_IMAGE_MANIFEST, Digest.sha256(new byte[] {6}), 100)
        .withPlatform(Platform.of("linux", "arm", "v6"));
    Descriptor v7 = Descriptor.of(MediaTypes.OCI_IMAGE_MANIFEST, Digest.sha256(new byte[] {7}), 100)
        .withPlatform(Platform.of("linux", "arm", "v7"));
    ImageIndex built = IndexBuilder.oci().add(v6).add(v7).build();
    Manifest manifest = Manifest.parse(built.bytes(), built.mediaType());
    PlatformMatcher runs = PlatformMatcher.compatible(Platform.parse("linux/arm/v7"));

    if (manifest instanceof ImageIndex index) {
      Optional<Descriptor> pick = index.select(runs);
      assertThat(pick).contains(v7);
      assertThat(index.manifests()).extracting(d -> d.platform().orElseThrow().toString())
          .containsExactly("linux/arm/v6", "linux/arm/v7");
    } else {
      throw new AssertionError("an index parses as ImageIndex, got " + manifest);
    }
  }
}
