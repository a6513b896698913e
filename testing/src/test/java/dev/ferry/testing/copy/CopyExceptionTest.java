package dev.ferry.testing.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ferry.copy.CopyException;
import dev.ferry.copy.CopyOperation;
import dev.ferry.reference.Digest;
import dev.ferry.registry.RegistryResponseException;
import dev.ferry.testing.TestImage;
import dev.ferry.testing.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A failed copy names the part that failed, the side it failed on, and carries the typed failure. */
class CopyExceptionTest {
  private final TwoRegistries registries = new TwoRegistries();

  @AfterEach
  void stop() {
    registries.close();
  }

  private CopyException copyFails(TestImage image, String destination) {
    return catchThrowableOfType(CopyException.class,
        () -> CopyOperation.from(image.reference()).to(registries.dst(destination)).execute(registries.client));
  }

  @Test
  void aBlobTheDestinationRefusesNamesTheDestinationAndTheBlob() {
    TestImage image = TestImages.image().layerSizes(5_000).push(registries.source, "parts/blob:1");
    Digest layer = image.layers().get(0);
    registries.destination.failNext(10, r -> r.method().equals("PUT") && r.path().contains("digest=" + layer), 400);

    CopyException e = copyFails(image, "parts/blob:1");

    assertThat(e.part()).isEqualTo(CopyException.Part.BLOB);
    assertThat(e.digest()).contains(layer);
    assertThat(e.tag()).isEmpty();
    assertThat(e.registry()).isEqualTo(registries.destination.address());
    assertThat(e.repository()).isEqualTo("parts/blob");
    assertThat(e.failure()).isSameAs(e.getCause()).isInstanceOfSatisfying(RegistryResponseException.class,
        r -> assertThat(r.status()).isEqualTo(400));
    assertThat(e).hasMessageContaining(layer.toString()).hasMessageContaining(image.reference().toString());
  }

  @Test
  void aTagTheDestinationRefusesNamesTheTagAndTheDigestItWasToName() {
    TestImage image = TestImages.image().push(registries.source, "parts/tag:1");
    registries.destination.failNext(10, r -> r.method().equals("PUT") && r.path().endsWith("/manifests/v2"), 400);

    CopyException e = copyFails(image, "parts/tag:v2");

    assertThat(e.part()).isEqualTo(CopyException.Part.TAG);
    assertThat(e.tag()).contains("v2");
    assertThat(e.digest()).contains(image.digest());
    assertThat(e.registry()).isEqualTo(registries.destination.address());
    assertThat(e.repository()).isEqualTo("parts/tag");
    assertThat(e.failure()).isInstanceOf(RegistryResponseException.class);
  }

  @Test
  void aChildManifestTheDestinationRefusesIsAManifestByDigest() {
    TestImage image = TestImages.image().platforms("linux/amd64", "linux/arm64").push(registries.source, "parts/idx:1");
    Digest amd = image.platforms().values().iterator().next();
    registries.destination.failNext(10, r -> r.method().equals("PUT") && r.path().endsWith("/manifests/" + amd), 400);

    CopyException e = copyFails(image, "parts/idx:1");

    assertThat(e.part()).isEqualTo(CopyException.Part.MANIFEST);
    assertThat(e.digest()).contains(amd);
    assertThat(e.tag()).isEmpty();
    assertThat(e.registry()).isEqualTo(registries.destination.address());
    assertThat(registries.client.headManifest(registries.dst("parts/idx:1"))).isEmpty();
  }

  @Test
  void aMissingSourceTagIsTheSourceManifestNamedByItsTag() {
    TestImage image = TestImages.image().push(registries.source, "parts/src:1");
    registries.source.failNext(10, r -> r.method().equals("GET") && r.path().endsWith("/manifests/1"), 404);

    CopyException e = copyFails(image, "parts/src:1");

    assertThat(e.part()).isEqualTo(CopyException.Part.MANIFEST);
    assertThat(e.tag()).contains("1");
    assertThat(e.registry()).isEqualTo(registries.source.address());
    assertThat(e.repository()).isEqualTo("parts/src");
    assertThat(e.failure()).isInstanceOfSatisfying(RegistryResponseException.class,
        r -> assertThat(r.status()).isEqualTo(404));
  }
}
