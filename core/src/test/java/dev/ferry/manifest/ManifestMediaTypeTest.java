package dev.ferry.manifest;

import static dev.ferry.manifest.Fixtures.bytes;
import static dev.ferry.manifest.Fixtures.sha256;
import static dev.ferry.manifest.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ManifestMediaTypeTest {
  @Test
  void ignoresContentTypeParametersCaseAndSpaces() {
    Manifest m = Manifest.parse(bytes("oci-image-manifest.json"),
        "  Application/VND.OCI.Image.Manifest.v1+JSON ; charset=utf-8");

    assertThat(m.mediaType()).isEqualTo(MediaTypes.OCI_IMAGE_MANIFEST);
  }

  @Test
  void acceptsAContentTypeThatAgreesWithTheDocument() {
    assertThat(Manifest.parse(bytes("docker-manifest-list.json"), MediaTypes.DOCKER_MANIFEST_LIST))
        .isInstanceOf(ImageIndex.class);
    assertThat(Manifest.parse(bytes("docker-manifest-v2.json"), MediaTypes.DOCKER_MANIFEST_V2))
        .isInstanceOf(ImageManifest.class);
    assertThat(Manifest.parse(bytes("oci-index-buildx.json"), MediaTypes.OCI_IMAGE_INDEX))
        .isInstanceOf(ImageIndex.class);
  }

  @Test
  void takesTheKindFromTheContentTypeWhenTheDocumentHasNoMediaType() {
    assertThat(Manifest.parse(bytes("oci-manifest-no-mediatype.json"), MediaTypes.OCI_IMAGE_MANIFEST).mediaType())
        .isEqualTo(MediaTypes.OCI_IMAGE_MANIFEST);
    assertThat(Manifest.parse(bytes("oci-index-no-mediatype.json"), MediaTypes.OCI_IMAGE_INDEX).mediaType())
        .isEqualTo(MediaTypes.OCI_IMAGE_INDEX);
  }

  @Test
  void refusesAContentTypeThatDisagreesWithTheDocumentNamingBoth() {
    byte[] docker = bytes("docker-manifest-v2.json");

    InvalidManifestException e = catchThrowableOfType(InvalidManifestException.class,
        () -> Manifest.parse(docker, MediaTypes.OCI_IMAGE_MANIFEST));

    assertThat(e.reason()).isEqualTo("the Content-Type is application/vnd.oci.image.manifest.v1+json but the"
        + " document's mediaType is \"application/vnd.docker.distribution.manifest.v2+json\"");
    assertThat(e.mediaType()).contains(MediaTypes.OCI_IMAGE_MANIFEST);
    assertThat(e.digest()).contains(sha256(docker));
    assertThat(e).hasMessageStartingWith("invalid manifest " + sha256(docker) + " (" + MediaTypes.OCI_IMAGE_MANIFEST + "): ");
  }

  @Test
  void refusesAnIndexContentTypeOnAnImageManifestWithoutMediaType() {
    InvalidManifestException e = catchThrowableOfType(InvalidManifestException.class,
        () -> Manifest.parse(bytes("oci-manifest-no-mediatype.json"), MediaTypes.OCI_IMAGE_INDEX));

    assertThat(e.reason()).isEqualTo("an index must not have config or layers; this document is ambiguous");
  }

  @Test
  void refusesAManifestContentTypeOnAnIndexWithoutMediaType() {
    InvalidManifestException e = catchThrowableOfType(InvalidManifestException.class,
        () -> Manifest.parse(bytes("oci-index-no-mediatype.json"), MediaTypes.OCI_IMAGE_MANIFEST));

    assertThat(e.reason()).isEqualTo("an image manifest must not have manifests; this document is ambiguous");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "application/json", "text/plain", "application/octet-stream", "*/*",
      "application/json; charset=utf-8", "TEXT/PLAIN"})
  void letsTheDocumentDecideWhenTheContentTypeIsGeneric(String contentType) {
    assertThat(Manifest.parse(bytes("docker-manifest-list.json"), contentType).mediaType())
        .isEqualTo(MediaTypes.DOCKER_MANIFEST_LIST);
    assertThat(Manifest.parse(bytes("docker-manifest-v2.json"), contentType).mediaType())
        .isEqualTo(MediaTypes.DOCKER_MANIFEST_V2);
    assertThat(Manifest.parse(bytes("oci-index-buildx.json"), contentType).mediaType())
        .isEqualTo(MediaTypes.OCI_IMAGE_INDEX);
  }

  @Test
  void decidesByShapeWithoutMediaTypeOrContentType() {
    assertThat(Fixtures.parse("oci-index-no-mediatype.json")).isInstanceOf(ImageIndex.class)
        .extracting(Manifest::mediaType).isEqualTo(MediaTypes.OCI_IMAGE_INDEX);
    assertThat(Fixtures.parse("oci-manifest-no-mediatype.json")).isInstanceOf(ImageManifest.class)
        .extracting(Manifest::mediaType).isEqualTo(MediaTypes.OCI_IMAGE_MANIFEST);
  }

  @Test
  void refusesADocumentWhoseKindCannotBeTold() {
    InvalidManifestException e = catchThrowableOfType(InvalidManifestException.class,
        () -> Manifest.parse(bytes("hostile/unknown-kind.json"), "application/json"));

    assertThat(e.reason()).isEqualTo("cannot tell what kind of manifest this is: no mediaType field and no"
        + " manifests, config or layers, and the Content-Type is application/json");
  }

  @Test
  void refusesADocumentThatIsBothIndexAndManifest() {
    InvalidManifestException e = catchThrowableOfType(InvalidManifestException.class,
        () -> Fixtures.parse("hostile/ambiguous-index-and-manifest.json"));

    assertThat(e.reason()).contains("ambiguous");
  }

  @Test
  void refusesAnUnknownContentTypeNamingIt() {
    UnsupportedManifestException e = catchThrowableOfType(UnsupportedManifestException.class,
        () -> Manifest.parse(bytes("oci-image-manifest.json"), "application/vnd.oci.artifact.manifest.v1+json"));

    assertThat(e.mediaType()).contains("application/vnd.oci.artifact.manifest.v1+json");
    assertThat(e.reason()).startsWith("media type \"application/vnd.oci.artifact.manifest.v1+json\""
        + " (the Content-Type) is not a manifest type Ferry understands; supported: "
        + MediaTypes.OCI_IMAGE_INDEX);
  }

  @Test
  void refusesHtmlServedAsAnErrorPage() {
    UnsupportedManifestException e = catchThrowableOfType(UnsupportedManifestException.class,
        () -> Manifest.parse(bytes("hostile/html-error-page.json"), "text/html; charset=utf-8"));

    assertThat(e.mediaType()).contains("text/html");
  }

  @Test
  void refusesAnUnknownMediaTypeFieldUnderAGenericContentType() {
    byte[] json = utf8("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.artifact.manifest.v1+json\","
        + "\"artifactType\":\"application/vnd.example\",\"blobs\":[]}");

    UnsupportedManifestException e = catchThrowableOfType(UnsupportedManifestException.class,
        () -> Manifest.parse(json, "application/json"));

    assertThat(e.mediaType()).contains("application/vnd.oci.artifact.manifest.v1+json");
    assertThat(e.reason()).contains("(the document's mediaType field)");
    assertThat(e.digest()).contains(sha256(json));
  }

  @Test
  void acceptsADockerManifestListWithOciChildrenAsRegistriesDo() {
    ImageIndex list = (ImageIndex) Fixtures.parse("hostile/docker-list-with-oci-child.json");

    assertThat(list.isDocker()).isTrue();
    assertThat(list.manifests()).singleElement().extracting(Descriptor::mediaType)
        .isEqualTo(MediaTypes.OCI_IMAGE_MANIFEST);
  }
}
