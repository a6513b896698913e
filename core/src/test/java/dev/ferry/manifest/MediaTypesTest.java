package dev.ferry.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MediaTypesTest {
  @Test
  void spellsEveryTypeAsTheSpecsDo() {
    assertThat(MediaTypes.OCI_IMAGE_MANIFEST).isEqualTo("application/vnd.oci.image.manifest.v1+json");
    assertThat(MediaTypes.OCI_IMAGE_INDEX).isEqualTo("application/vnd.oci.image.index.v1+json");
    assertThat(MediaTypes.OCI_IMAGE_CONFIG).isEqualTo("application/vnd.oci.image.config.v1+json");
    assertThat(MediaTypes.OCI_LAYER_TAR).isEqualTo("application/vnd.oci.image.layer.v1.tar");
    assertThat(MediaTypes.OCI_LAYER_TAR_GZIP).isEqualTo("application/vnd.oci.image.layer.v1.tar+gzip");
    assertThat(MediaTypes.OCI_LAYER_TAR_ZSTD).isEqualTo("application/vnd.oci.image.layer.v1.tar+zstd");
    assertThat(MediaTypes.OCI_LAYER_NONDISTRIBUTABLE_TAR)
        .isEqualTo("application/vnd.oci.image.layer.nondistributable.v1.tar");
    assertThat(MediaTypes.OCI_LAYER_NONDISTRIBUTABLE_TAR_GZIP)
        .isEqualTo("application/vnd.oci.image.layer.nondistributable.v1.tar+gzip");
    assertThat(MediaTypes.OCI_LAYER_NONDISTRIBUTABLE_TAR_ZSTD)
        .isEqualTo("application/vnd.oci.image.layer.nondistributable.v1.tar+zstd");
    assertThat(MediaTypes.OCI_EMPTY).isEqualTo("application/vnd.oci.empty.v1+json");
    assertThat(MediaTypes.DOCKER_MANIFEST_V2).isEqualTo("application/vnd.docker.distribution.manifest.v2+json");
    assertThat(MediaTypes.DOCKER_MANIFEST_LIST)
        .isEqualTo("application/vnd.docker.distribution.manifest.list.v2+json");
    assertThat(MediaTypes.DOCKER_CONTAINER_CONFIG).isEqualTo("application/vnd.docker.container.image.v1+json");
    assertThat(MediaTypes.DOCKER_LAYER_TAR_GZIP).isEqualTo("application/vnd.docker.image.rootfs.diff.tar.gzip");
    assertThat(MediaTypes.DOCKER_FOREIGN_LAYER_TAR_GZIP)
        .isEqualTo("application/vnd.docker.image.rootfs.foreign.diff.tar.gzip");
    assertThat(MediaTypes.DOCKER_PLUGIN_CONFIG).isEqualTo("application/vnd.docker.plugin.v1+json");
    assertThat(MediaTypes.DOCKER_MANIFEST_V1).isEqualTo("application/vnd.docker.distribution.manifest.v1+json");
    assertThat(MediaTypes.DOCKER_MANIFEST_V1_SIGNED)
        .isEqualTo("application/vnd.docker.distribution.manifest.v1+prettyjws");
  }

  @Test
  void acceptsEveryManifestKindIndexesFirstAndNeverSchema1() {
    assertThat(MediaTypes.MANIFEST_ACCEPT).containsExactly(MediaTypes.OCI_IMAGE_INDEX,
        MediaTypes.DOCKER_MANIFEST_LIST, MediaTypes.OCI_IMAGE_MANIFEST, MediaTypes.DOCKER_MANIFEST_V2);
    assertThat(MediaTypes.MANIFEST_ACCEPT).allMatch(MediaTypes::isManifest).noneMatch(MediaTypes::isSchema1);
    assertThatThrownBy(() -> MediaTypes.MANIFEST_ACCEPT.add("x/y")).isInstanceOf(UnsupportedOperationException.class);
  }

  @ParameterizedTest
  @CsvSource({
      // type, index, image manifest, foreign, docker, oci, schema1
      "application/vnd.oci.image.index.v1+json, true, false, false, false, true, false",
      "application/vnd.docker.distribution.manifest.list.v2+json, true, false, false, true, false, false",
      "application/vnd.oci.image.manifest.v1+json, false, true, false, false, true, false",
      "application/vnd.docker.distribution.manifest.v2+json, false, true, false, true, false, false",
      "application/vnd.docker.distribution.manifest.v1+json, false, false, false, true, false, true",
      "application/vnd.docker.distribution.manifest.v1+prettyjws, false, false, false, true, false, true",
      "application/vnd.oci.image.layer.nondistributable.v1.tar, false, false, true, false, true, false",
      "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip, false, false, true, false, true, false",
      "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd, false, false, true, false, true, false",
      "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip, false, false, true, true, false, false",
      "application/vnd.oci.image.layer.v1.tar+gzip, false, false, false, false, true, false",
      "application/vnd.docker.image.rootfs.diff.tar.gzip, false, false, false, true, false, false",
      "application/vnd.in-toto+json, false, false, false, false, false, false",
      "APPLICATION/VND.OCI.IMAGE.INDEX.V1+JSON, false, false, false, false, false, false",
  })
  void classifiesTypesExactly(String type, boolean index, boolean image, boolean foreign, boolean docker,
      boolean oci, boolean schema1) {
    assertThat(MediaTypes.isIndex(type)).isEqualTo(index);
    assertThat(MediaTypes.isImageManifest(type)).isEqualTo(image);
    assertThat(MediaTypes.isManifest(type)).isEqualTo(index || image);
    assertThat(MediaTypes.isForeignLayer(type)).isEqualTo(foreign);
    assertThat(MediaTypes.isDocker(type)).isEqualTo(docker);
    assertThat(MediaTypes.isOci(type)).isEqualTo(oci);
    assertThat(MediaTypes.isSchema1(type)).isEqualTo(schema1);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      application/json; charset=utf-8                      | application/json
      '  Application/VND.OCI.image.index.v1+json ; q=0.9'  | application/vnd.oci.image.index.v1+json
      ''                                                   | ''
      text/plain                                           | text/plain
      """)
  void stripsParametersAndCaseFromAContentType(String contentType, String essence) {
    assertThat(MediaTypes.essence(contentType)).isEqualTo(essence);
  }

  @ParameterizedTest
  @CsvSource({"application/vnd.oci.image.layer.v1.tar+gzip, true", "application/vnd.in-toto+json, true",
      "text/plain, true", "not a type, false", "application/, false", "/json, false",
      "'application/json; charset=utf-8', false", "'text/plain\r\nX: y', false"})
  void checksTheRfc6838Form(String type, boolean wellFormed) {
    assertThat(MediaTypes.isWellFormed(type)).isEqualTo(wellFormed);
  }
}
