package dev.ferry.manifest;

import static dev.ferry.manifest.Fixtures.digestOf;
import static dev.ferry.manifest.Fixtures.sha256;
import static dev.ferry.manifest.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.reference.Digest;
import dev.ferry.reference.DigestMismatchException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DescriptorTest {
  private static final Digest LAYER = digestOf("layer");

  @Test
  void holdsTheThreeRequiredPropertiesAndNothingElse() {
    Descriptor d = Descriptor.of(MediaTypes.OCI_LAYER_TAR_GZIP, LAYER, 1234);

    assertThat(d.mediaType()).isEqualTo(MediaTypes.OCI_LAYER_TAR_GZIP);
    assertThat(d.digest()).isEqualTo(LAYER);
    assertThat(d.size()).isEqualTo(1234);
    assertThat(d.urls()).isEmpty();
    assertThat(d.annotations()).isEmpty();
    assertThat(d.platform()).isEmpty();
    assertThat(d.artifactType()).isEmpty();
    assertThat(d.data()).isEmpty();
    assertThat(d.isForeign()).isFalse();
    assertThat(d.isAttestation()).isFalse();
  }

  @Test
  void acceptsZeroSize() {
    assertThat(Descriptor.of(MediaTypes.OCI_LAYER_TAR, LAYER, 0).size()).isZero();
  }

  @Test
  void refusesNegativeSizeMalformedMediaTypesAndMissingParts() {
    assertThatThrownBy(() -> Descriptor.of(MediaTypes.OCI_LAYER_TAR, LAYER, -1))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("size must not be negative, found -1");
    assertThatThrownBy(() -> Descriptor.of("layer", LAYER, 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("RFC 6838");
    assertThatThrownBy(() -> Descriptor.builder().mediaType("a/b").size(1).build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Descriptor.of(null, LAYER, 1)).isInstanceOf(NullPointerException.class)
        .hasMessage("mediaType");
  }

  @Test
  void keepsAnnotationsSortedAndUnmodifiable() {
    Map<String, String> given = new LinkedHashMap<>();
    given.put("z", "1");
    given.put("a", "2");

    Descriptor d = Descriptor.of("a/b", LAYER, 1).withAnnotations(given);
    given.put("m", "3");

    assertThat(d.annotations().keySet()).containsExactly("a", "z");
    assertThatThrownBy(() -> d.annotations().put("b", "c")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void refusesEmptyAnnotationKeys() {
    assertThatThrownBy(() -> Descriptor.builder().annotation("", "v")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesUrlsThatAreNotUris() {
    assertThatThrownBy(() -> Descriptor.builder().urls(List.of("https://exa mple.com/x")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a URI: ");
  }

  @Test
  void checksEmbeddedDataAgainstDigestAndSize() {
    byte[] empty = utf8("{}");
    Descriptor ok = Descriptor.builder().mediaType(MediaTypes.OCI_EMPTY).digest(sha256(empty)).size(2).data(empty)
        .build();

    assertThat(ok.data()).hasValueSatisfying(data -> assertThat(data).isEqualTo(empty));
    assertThat(ok.digest()).hasToString("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
    assertThatThrownBy(() -> ok.toBuilder().data(utf8("[]")).build()).isInstanceOf(DigestMismatchException.class);
    assertThatThrownBy(() -> ok.toBuilder().size(3).build()).isInstanceOf(DigestMismatchException.class);
  }

  @Test
  void copiesEmbeddedDataInAndOut() {
    byte[] empty = utf8("{}");
    Descriptor d = Descriptor.builder().mediaType(MediaTypes.OCI_EMPTY).digest(sha256(empty)).size(2).data(empty)
        .build();

    empty[0] = 'x';
    d.data().orElseThrow()[1] = 'y';

    assertThat(d.data().orElseThrow()).isEqualTo(utf8("{}"));
  }

  @Test
  void makesChangedCopiesWithoutTouchingTheOriginal() {
    Descriptor original = Descriptor.of(MediaTypes.OCI_IMAGE_MANIFEST, LAYER, 10);

    Descriptor arm = original.withPlatform(Platform.of("linux", "arm", "v7"));
    Descriptor typed = arm.toBuilder().artifactType("application/spdx+json").urls(List.of("https://x.example/b"))
        .build();

    assertThat(original.platform()).isEmpty();
    assertThat(arm.platform()).contains(Platform.of("linux", "arm", "v7"));
    assertThat(typed.artifactType()).contains("application/spdx+json");
    assertThat(typed.toBuilder().clearPlatform().clearArtifactType().urls(List.of()).build()).isEqualTo(original);
  }

  @Test
  void isEqualOnlyWhenEveryPropertyIs() {
    Descriptor a = Descriptor.of("a/b", LAYER, 1);

    assertThat(a).isEqualTo(Descriptor.of("a/b", LAYER, 1)).hasSameHashCodeAs(Descriptor.of("a/b", LAYER, 1));
    assertThat(a).isNotEqualTo(Descriptor.of("a/c", LAYER, 1)).isNotEqualTo(Descriptor.of("a/b", LAYER, 2))
        .isNotEqualTo(a.withAnnotations(Map.of("k", "v"))).isNotEqualTo(a.withPlatform(Platform.of("linux", "amd64")));
  }

  @Test
  void recognisesForeignLayersByMediaTypeOnly() {
    assertThat(Descriptor.of(MediaTypes.DOCKER_FOREIGN_LAYER_TAR_GZIP, LAYER, 1).isForeign()).isTrue();
    assertThat(Descriptor.of(MediaTypes.OCI_LAYER_NONDISTRIBUTABLE_TAR_ZSTD, LAYER, 1).isForeign()).isTrue();
    assertThat(Descriptor.builder().mediaType(MediaTypes.OCI_LAYER_TAR_GZIP).digest(LAYER).size(1)
        .urls(List.of("https://cdn.example.com/l")).build().isForeign()).isFalse();
  }

  @Test
  void recognisesBuildxAttestationsByTheirAnnotation() {
    Digest image = digestOf("image");
    Descriptor attestation = Descriptor.builder().mediaType(MediaTypes.OCI_IMAGE_MANIFEST).digest(LAYER).size(1)
        .platform(Platform.of("unknown", "unknown"))
        .annotation(Descriptor.ANNOTATION_REFERENCE_TYPE, Descriptor.ATTESTATION_MANIFEST)
        .annotation(Descriptor.ANNOTATION_REFERENCE_DIGEST, image.toString()).build();

    assertThat(attestation.isAttestation()).isTrue();
    assertThat(attestation.attestedDigest()).contains(image);
    assertThat(attestation.withAnnotations(Map.of(Descriptor.ANNOTATION_REFERENCE_TYPE, "other")).isAttestation())
        .isFalse();
    assertThat(attestation.withAnnotations(Map.of(Descriptor.ANNOTATION_REFERENCE_TYPE,
        Descriptor.ATTESTATION_MANIFEST, Descriptor.ANNOTATION_REFERENCE_DIGEST, "garbage")).attestedDigest()).isEmpty();
  }

  @Test
  void showsMediaTypeDigestSizeAndPlatform() {
    Descriptor d = Descriptor.of(MediaTypes.DOCKER_MANIFEST_V2, LAYER, 7)
        .withPlatform(Platform.of("windows", "amd64", null, "10.0.17763.6893", List.of()));

    assertThat(d.toString()).startsWith(MediaTypes.DOCKER_MANIFEST_V2 + " " + LAYER + " 7 windows")
        .contains("amd64").containsOnlyOnce("10.0.17763.6893");
  }
}
