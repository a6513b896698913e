package dev.ferry.manifest;

import static dev.ferry.manifest.Fixtures.bytes;
import static dev.ferry.manifest.Fixtures.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ferry.FerryLimits;
import dev.ferry.reference.Digest;
import dev.ferry.reference.DigestMismatchException;
import org.junit.jupiter.api.Test;

class ManifestDigestTest {
  @Test
  void acceptsBytesThatHaveTheExpectedDigest() {
    byte[] raw = bytes("oci-index-buildx.json");

    Manifest m = Manifest.parse(raw, MediaTypes.OCI_IMAGE_INDEX, sha256(raw));

    assertThat(m.digest()).isEqualTo(sha256(raw));
  }

  @Test
  void refusesBytesThatDoNotHaveTheExpectedDigest() {
    byte[] raw = bytes("oci-image-manifest.json");
    Digest expected = Fixtures.digestOf("something else");

    DigestMismatchException e = catchThrowableOfType(DigestMismatchException.class,
        () -> Manifest.parse(raw, "", expected));

    assertThat(e.expected()).isEqualTo(expected);
    assertThat(e.actual()).contains(sha256(raw));
    assertThat(e.actualSize()).isEqualTo(raw.length);
  }

  @Test
  void checksTheDigestBeforeParsingSoGarbageIsReportedAsTheWrongContent() {
    byte[] garbage = Fixtures.utf8("<html>proxy error</html>");

    assertThat(catchThrowableOfType(DigestMismatchException.class,
        () -> Manifest.parse(garbage, "text/html", Fixtures.digestOf("manifest")))).isNotNull();
  }

  @Test
  void acceptsAnExpectedSha512DigestAndStillReportsSha256() {
    byte[] raw = bytes("docker-manifest-v2.json");

    Manifest m = Manifest.parse(raw, MediaTypes.DOCKER_MANIFEST_V2, Fixtures.sha512(raw));

    assertThat(m.digest()).isEqualTo(sha256(raw));
    assertThat(m.digest().algorithm()).isEqualTo("sha256");
  }

  @Test
  void checksTheSizeLimitBeforeHashing() {
    byte[] huge = new byte[FerryLimits.MAX_MANIFEST_BYTES + 1];

    InvalidManifestException e = catchThrowableOfType(InvalidManifestException.class,
        () -> Manifest.parse(huge, "", Fixtures.digestOf("x")));

    assertThat(e.reason()).startsWith("the manifest is 4194305 bytes");
  }

  @Test
  void stillValidatesTheDocumentAfterTheDigestMatches() {
    byte[] raw = bytes("hostile/size-negative.json");

    assertThat(catchThrowableOfType(InvalidManifestException.class,
        () -> Manifest.parse(raw, "", sha256(raw))).reason()).contains("size");
  }
}
