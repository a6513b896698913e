package dev.ferry.copy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.manifest.Descriptor;
import dev.ferry.reference.Digest;
import dev.ferry.reference.DigestMismatchException;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryResponseException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where a copy step failed, as its {@link CopyException} tells it. */
class CopySiteTest {
  private static final ImageReference SOURCE = ImageReference.parse("src.example:5000/team/app:1");
  private static final ImageReference TARGET = ImageReference.parse("dst.example:5000/mirror/app");
  private static final Descriptor LAYER = Descriptor.of("application/octet-stream",
      Digest.sha256("layer".getBytes(StandardCharsets.UTF_8)), 5);

  @Test
  void bytesThatDoNotMatchTheirDigestAreTheSourcesFailure() {
    DigestMismatchException mismatch = new DigestMismatchException(LAYER.digest(), null, 5, 6);

    CopyException e = CopySite.blob(SOURCE.withoutTag(), TARGET, LAYER).failed(SOURCE, mismatch);

    assertThat(e.part()).isEqualTo(CopyException.Part.BLOB);
    assertThat(e.digest()).contains(LAYER.digest());
    assertThat(e.registry()).contains("src.example:5000");
    assertThat(e.repository()).contains("team/app");
    assertThat(e.failure()).isSameAs(mismatch);
    assertThat(e).hasMessageStartingWith("copying " + SOURCE + " failed at blob " + LAYER.digest())
        .hasMessageEndingWith(mismatch.getMessage());
  }

  @Test
  void aRegistryRefusalNamesTheRegistryThatRefused() {
    RegistryResponseException refused = new RegistryResponseException("denied", "dst.example:5000", "mirror/app",
        "PUT", "http://dst.example:5000/v2/mirror/app/blobs/uploads/x", 403, List.of());

    CopyException e = CopySite.blob(SOURCE.withoutTag(), TARGET, LAYER).failed(SOURCE, refused);

    assertThat(e.registry()).contains("dst.example:5000");
    assertThat(e.repository()).contains("mirror/app");
  }

  @Test
  void aStepOutsideRegistriesHasNoRegistryUnlessItsCauseNamesOne() {
    CopySite layout = CopySite.elsewhere(CopyException.Part.MANIFEST, LAYER.digest(), "manifest in airgap/oci");

    CopyException local = layout.failed("airgap/oci", new DigestMismatchException(LAYER.digest(), null, 5, 6));
    CopyException remote = layout.failed("airgap/oci", new RegistryResponseException("gone", "dst.example:5000",
        null, "GET", "http://dst.example:5000/v2/", 404, List.of()));

    assertThat(local.registry()).isEmpty();
    assertThat(local.repository()).isEmpty();
    assertThat(remote.registry()).contains("dst.example:5000");
    assertThat(remote.repository()).isEmpty();
  }

  @Test
  void aTagWriteIsATagFailureAndAWriteByDigestAManifestFailure() {
    CopyException tag = CopySite.check(TARGET.withTag("v2"), LAYER.digest())
        .failed(SOURCE, new DigestMismatchException(LAYER.digest(), null, 5, 6));
    CopyException byDigest = CopySite.check(TARGET.withDigest(LAYER.digest()), LAYER.digest())
        .failed(SOURCE, new DigestMismatchException(LAYER.digest(), null, 5, 6));

    assertThat(tag.part()).isEqualTo(CopyException.Part.TAG);
    assertThat(tag.tag()).contains("v2");
    assertThat(byDigest.part()).isEqualTo(CopyException.Part.MANIFEST);
    assertThat(byDigest.tag()).isEmpty();
  }

  @Test
  void itSurvivesSerialization() throws IOException, ClassNotFoundException {
    CopyException e = CopySite.blob(SOURCE.withoutTag(), TARGET, LAYER)
        .failed(SOURCE, new DigestMismatchException(LAYER.digest(), null, 5, 6));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(e);
    }

    CopyException back;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      back = (CopyException) in.readObject();
    }

    assertThat(back.part()).isEqualTo(CopyException.Part.BLOB);
    assertThat(back.digest()).contains(LAYER.digest());
    assertThat(back.registry()).contains("src.example:5000");
    assertThat(back.failure()).isInstanceOf(DigestMismatchException.class);
    assertThat(back).hasMessage(e.getMessage());
  }
}
