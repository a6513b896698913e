package dev.ferry.manifest;

import static dev.ferry.manifest.Fixtures.bytes;
import static dev.ferry.manifest.Fixtures.sha256;
import static dev.ferry.manifest.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Docker schema 1 in every disguise: refused with a message that says what, why and what to do. */
class ManifestUnsupportedTest {
  private static UnsupportedManifestException refused(byte[] bytes, String contentType) {
    return catchThrowableOfType(UnsupportedManifestException.class, () -> Manifest.parse(bytes, contentType));
  }

  private static void assertExplainsSchema1(UnsupportedManifestException e) {
    assertThat(e.getMessage())
        .contains("Docker image manifest schema 1")
        .contains("deprecated")
        .contains("no longer pull it")
        .contains("not content-addressable")
        .contains("Re-push the image with a current client")
        .contains("skopeo copy --format v2s2");
  }

  @ParameterizedTest
  @ValueSource(strings = {MediaTypes.DOCKER_MANIFEST_V1, MediaTypes.DOCKER_MANIFEST_V1_SIGNED,
      "application/vnd.docker.distribution.manifest.v1+prettyjws; charset=utf-8"})
  void refusesSchema1ByContentType(String contentType) {
    UnsupportedManifestException e = refused(bytes("schema1-signed.json"), contentType);

    assertExplainsSchema1(e);
    assertThat(e.mediaType()).contains(MediaTypes.essence(contentType));
    assertThat(e.reason()).contains("from the Content-Type");
  }

  @Test
  void refusesSchema1ByContentTypeEvenWhenTheBodyIsNotJson() {
    UnsupportedManifestException e = refused(utf8("not json at all"), MediaTypes.DOCKER_MANIFEST_V1);

    assertExplainsSchema1(e);
  }

  @Test
  void refusesSignedSchema1ByItsBodyUnderAGenericContentType() {
    byte[] body = bytes("schema1-signed.json");

    UnsupportedManifestException e = refused(body, "application/json");

    assertExplainsSchema1(e);
    assertThat(e.mediaType()).contains(MediaTypes.DOCKER_MANIFEST_V1_SIGNED);
    assertThat(e.reason()).contains("detected because schemaVersion is 1");
    assertThat(e.digest()).contains(sha256(body));
  }

  @Test
  void refusesUnsignedSchema1ByItsBody() {
    UnsupportedManifestException e = refused(bytes("schema1-unsigned.json"), "");

    assertExplainsSchema1(e);
    assertThat(e.mediaType()).contains(MediaTypes.DOCKER_MANIFEST_V1);
  }

  @Test
  void refusesSchema1ServedWithASchema2ContentType() {
    UnsupportedManifestException e = refused(bytes("schema1-signed.json"), MediaTypes.DOCKER_MANIFEST_V2);

    assertExplainsSchema1(e);
  }

  @Test
  void refusesSchema1ByFsLayersWithoutSchemaVersion() {
    UnsupportedManifestException e = refused(utf8("{\"fsLayers\":[{\"blobSum\":\"sha256:00\"}]}"), "");

    assertThat(e.reason()).contains("detected because it has fsLayers");
  }

  @Test
  void refusesSchema1BySignaturesWithoutSchemaVersion() {
    UnsupportedManifestException e = refused(utf8("{\"name\":\"x\",\"signatures\":[]}"), "");

    assertThat(e.reason()).contains("detected because it has JWS signatures");
    assertThat(e.mediaType()).contains(MediaTypes.DOCKER_MANIFEST_V1_SIGNED);
  }

  @Test
  void refusesSchema1NamedByTheMediaTypeField() {
    UnsupportedManifestException e = refused(utf8("{\"schemaVersion\":2,\"mediaType\":\""
        + MediaTypes.DOCKER_MANIFEST_V1 + "\",\"config\":{},\"layers\":[]}"), "application/json");

    assertExplainsSchema1(e);
    assertThat(e.reason()).contains("from its mediaType field");
  }
}
