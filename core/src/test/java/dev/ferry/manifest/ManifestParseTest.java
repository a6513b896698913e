package dev.ferry.manifest;

import static dev.ferry.manifest.Fixtures.bytes;
import static dev.ferry.manifest.Fixtures.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.reference.Digest;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ManifestParseTest {
  @ParameterizedTest
  @ValueSource(strings = {"oci-image-manifest.json", "oci-image-manifest-arm64.json", "oci-attestation-manifest.json",
      "oci-index-buildx.json", "docker-manifest-v2.json", "docker-manifest-list.json", "windows-manifest.json",
      "windows-oci-manifest.json", "windows-manifest-list.json", "oci-artifact-manifest.json",
      "oci-index-artifact.json", "oci-index-no-mediatype.json", "oci-manifest-no-mediatype.json"})
  void keepsTheExactBytesAndDigestsThem(String fixture) {
    byte[] raw = bytes(fixture);

    Manifest manifest = Manifest.parse(raw, "");

    assertThat(manifest.bytes()).isEqualTo(raw);
    assertThat(manifest.digest()).isEqualTo(sha256(raw));
    assertThat(manifest.size()).isEqualTo(raw.length);
    assertThat(manifest.schemaVersion()).isEqualTo(2);
    assertThat(manifest.descriptor().digest()).isEqualTo(sha256(raw));
    assertThat(manifest.descriptor().size()).isEqualTo(raw.length);
    assertThat(manifest.descriptor().mediaType()).isEqualTo(manifest.mediaType());
  }

  @Test
  void keepsWhitespaceKeyOrderAndTrailingNewlineOfTheServedBytes() {
    byte[] raw = bytes("oci-image-manifest-arm64.json");

    ImageManifest manifest = (ImageManifest) Manifest.parse(raw, MediaTypes.OCI_IMAGE_MANIFEST);

    assertThat(new String(manifest.bytes(), java.nio.charset.StandardCharsets.UTF_8))
        .startsWith("{\"layers\":[{\"size\":28065320,").endsWith("\"schemaVersion\":2}\n");
    assertThat(manifest.layers()).extracting(Descriptor::size).containsExactly(28065320L, 4190210L);
  }

  @Test
  void returnsACopyOfTheBytesSoCallersCannotChangeTheManifest() {
    byte[] raw = bytes("oci-image-manifest.json");
    Manifest manifest = Manifest.parse(raw, "");

    manifest.bytes()[0] = 'X';
    raw[0] = 'Y';

    assertThat(manifest.bytes()[0]).isEqualTo((byte) '{');
    assertThat(manifest.digest()).isEqualTo(sha256(bytes("oci-image-manifest.json")));
  }

  @Test
  void readsAnOciImageManifest() {
    ImageManifest m = (ImageManifest) Fixtures.parse("oci-image-manifest.json");

    assertThat(m.mediaType()).isEqualTo(MediaTypes.OCI_IMAGE_MANIFEST);
    assertThat(m.isDocker()).isFalse();
    assertThat(m.config().mediaType()).isEqualTo(MediaTypes.OCI_IMAGE_CONFIG);
    assertThat(m.config().size()).isEqualTo(1472);
    assertThat(m.layers()).extracting(Descriptor::mediaType).containsExactly(MediaTypes.OCI_LAYER_TAR_GZIP,
        MediaTypes.OCI_LAYER_TAR_GZIP, MediaTypes.OCI_LAYER_TAR_ZSTD);
    assertThat(m.layers()).extracting(Descriptor::size).containsExactly(29126484L, 4194304L, 918L);
    assertThat(m.blobs()).hasSize(4).first().isEqualTo(m.config());
    assertThat(m.references()).isEqualTo(m.blobs());
    assertThat(m.annotations()).containsEntry("org.opencontainers.image.base.name",
        "docker.io/library/debian:bookworm-slim");
    assertThat(m.subject()).isEmpty();
    assertThat(m.artifactType()).isEmpty();
    assertThat(m.descriptor().artifactType()).isEmpty();
  }

  @Test
  void readsADockerSchema2Manifest() {
    ImageManifest m = (ImageManifest) Fixtures.parse("docker-manifest-v2.json");

    assertThat(m.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST_V2);
    assertThat(m.isDocker()).isTrue();
    assertThat(m.config().mediaType()).isEqualTo(MediaTypes.DOCKER_CONTAINER_CONFIG);
    assertThat(m.layers()).hasSize(3).allMatch(l -> l.mediaType().equals(MediaTypes.DOCKER_LAYER_TAR_GZIP));
    assertThat(m.layers()).noneMatch(Descriptor::isForeign);
    assertThat(m.annotations()).isEmpty();
  }

  @Test
  void recognisesWindowsForeignLayersAndKeepsTheirUrls() {
    ImageManifest m = (ImageManifest) Fixtures.parse("windows-manifest.json");

    assertThat(m.layers()).extracting(Descriptor::isForeign).containsExactly(true, true, false);
    assertThat(m.layers().get(0).urls()).singleElement().asString()
        .startsWith("https://mcr.microsoft.com/v2/windows/servercore/blobs/sha256:");
    assertThat(m.layers().get(0).size()).isEqualTo(1614521396L);
    assertThat(m.blobs()).hasSize(4);
  }

  @Test
  void treatsOciNonDistributableLayersAsForeignButNotLayersThatMerelyHaveUrls() {
    ImageManifest m = (ImageManifest) Fixtures.parse("windows-oci-manifest.json");

    assertThat(m.layers().get(0).isForeign()).isTrue();
    assertThat(m.layers().get(1).urls()).hasSize(1);
    assertThat(m.layers().get(1).isForeign()).isFalse();
  }

  @Test
  void readsAnOciIndexWithAttestations() {
    ImageIndex index = (ImageIndex) Fixtures.parse("oci-index-buildx.json");

    assertThat(index.mediaType()).isEqualTo(MediaTypes.OCI_IMAGE_INDEX);
    assertThat(index.isDocker()).isFalse();
    assertThat(index.manifests()).hasSize(4);
    assertThat(index.platforms()).containsExactly(Platform.of("linux", "amd64"), Platform.of("linux", "arm64"));
    assertThat(index.attestations()).hasSize(2).allMatch(Descriptor::isAttestation)
        .allMatch(d -> d.platform().orElseThrow().equals(Platform.of("unknown", "unknown")));
    assertThat(index.references()).isEqualTo(index.manifests());
    assertThat(index.annotations()).containsKeys("org.opencontainers.image.revision",
        "org.opencontainers.image.source");
  }

  @Test
  void linksEachAttestationToTheImageItDescribes() {
    ImageIndex index = (ImageIndex) Fixtures.parse("oci-index-buildx.json");
    Digest amd64 = sha256(bytes("oci-image-manifest.json"));

    assertThat(index.manifests().get(0).digest()).isEqualTo(amd64);
    assertThat(index.attestationsFor(amd64)).singleElement()
        .extracting(Descriptor::digest).isEqualTo(sha256(bytes("oci-attestation-manifest.json")));
    assertThat(index.attestations().get(0).attestedDigest()).contains(amd64);
    assertThat(index.manifests().get(0).attestedDigest()).isEmpty();
  }

  @Test
  void readsADockerManifestList() {
    ImageIndex list = (ImageIndex) Fixtures.parse("docker-manifest-list.json");

    assertThat(list.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST_LIST);
    assertThat(list.isDocker()).isTrue();
    assertThat(list.platforms()).containsExactly(Platform.of("linux", "amd64"), Platform.of("linux", "arm", "v6"),
        Platform.of("linux", "arm", "v7"), Platform.of("linux", "arm64", "v8"), Platform.of("linux", "386"),
        Platform.of("linux", "ppc64le"), Platform.of("linux", "s390x"));
    assertThat(list.attestations()).isEmpty();
    assertThat(list.manifests()).allMatch(d -> d.mediaType().equals(MediaTypes.DOCKER_MANIFEST_V2));
  }

  @Test
  void readsWindowsPlatformsWithOsVersionAndFeatures() {
    ImageIndex list = (ImageIndex) Fixtures.parse("windows-manifest-list.json");

    Platform ltsc2022 = list.manifests().get(1).platform().orElseThrow();
    assertThat(ltsc2022.os()).isEqualTo("windows");
    assertThat(ltsc2022.osVersion()).contains("10.0.20348.3207");
    assertThat(ltsc2022.osFeatures()).containsExactly("win32k");
    assertThat(list.manifests().get(0).digest()).isEqualTo(sha256(bytes("windows-manifest.json")));
    assertThat(list.platforms()).hasSize(3);
  }

  @Test
  void readsAnOci11ArtifactWithEmptyConfigAndSubject() {
    ImageManifest m = (ImageManifest) Fixtures.parse("oci-artifact-manifest.json");

    assertThat(m.artifactType()).contains("application/vnd.dev.sigstore.bundle.v0.3+json");
    assertThat(m.config().mediaType()).isEqualTo(MediaTypes.OCI_EMPTY);
    assertThat(m.config().data()).hasValueSatisfying(data -> assertThat(data).isEqualTo(Fixtures.utf8("{}")));
    Descriptor subject = m.subject().orElseThrow();
    assertThat(subject.digest()).isEqualTo(sha256(bytes("oci-image-manifest.json")));
    assertThat(subject.size()).isEqualTo(bytes("oci-image-manifest.json").length);
    assertThat(m.references()).hasSize(3).last().isEqualTo(subject);
    assertThat(m.blobs()).hasSize(2).doesNotContain(subject);
    assertThat(m.descriptor().artifactType()).contains("application/vnd.dev.sigstore.bundle.v0.3+json");
  }

  @Test
  void readsAnIndexWithSubjectAndArtifactType() {
    ImageIndex index = (ImageIndex) Fixtures.parse("oci-index-artifact.json");

    assertThat(index.artifactType()).contains("application/vnd.example.signatures.v1");
    assertThat(index.subject().orElseThrow().mediaType()).isEqualTo(MediaTypes.OCI_IMAGE_INDEX);
    assertThat(index.manifests()).extracting(d -> d.artifactType().orElseThrow())
        .containsExactly("application/vnd.dev.sigstore.bundle.v0.3+json", "application/spdx+json");
    assertThat(index.platforms()).isEmpty();
    assertThat(index.references()).hasSize(3);
    assertThat(index.descriptor().artifactType()).contains("application/vnd.example.signatures.v1");
  }

  @Test
  void equalsByMediaTypeAndBytes() {
    Manifest a = Fixtures.parse("oci-image-manifest.json");
    Manifest b = Manifest.parse(bytes("oci-image-manifest.json"), "application/vnd.oci.image.manifest.v1+json");
    Manifest other = Fixtures.parse("oci-image-manifest-arm64.json");

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(other);
    assertThat(a.toString()).contains(a.digest().toString()).contains("3 layers");
  }

  @Test
  void listsReferencesOfAnIndexInDocumentOrder() {
    ImageIndex list = (ImageIndex) Fixtures.parse("docker-manifest-list.json");

    List<Descriptor> refs = list.references();

    assertThat(refs).isEqualTo(list.manifests());
    assertThatUnmodifiable(refs);
  }

  private static void assertThatUnmodifiable(List<Descriptor> list) {
    org.assertj.core.api.Assertions.assertThatThrownBy(list::clear).isInstanceOf(UnsupportedOperationException.class);
  }
}
