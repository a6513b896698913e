package dev.ferry.manifest;

import static dev.ferry.manifest.Fixtures.digestOf;
import static dev.ferry.manifest.Fixtures.sha256;
import static dev.ferry.manifest.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ferry.FerryLimits;
import dev.ferry.reference.Digest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndexBuilderTest {
  private static final Platform AMD64 = Platform.of("linux", "amd64");
  private static final Platform ARM64 = Platform.of("linux", "arm64");
  private static final Platform ARM_V7 = Platform.of("linux", "arm", "v7");

  private final ImageManifest ociAmd64 = (ImageManifest) Fixtures.parse("oci-image-manifest.json");
  private final ImageManifest ociArm64 = (ImageManifest) Fixtures.parse("oci-image-manifest-arm64.json");
  private final ImageManifest dockerAmd64 = (ImageManifest) Fixtures.parse("docker-manifest-v2.json");
  private final ImageManifest windows = (ImageManifest) Fixtures.parse("windows-manifest.json");

  private static String text(Manifest m) {
    return new String(m.bytes(), StandardCharsets.UTF_8);
  }

  @Test
  void writesACompactOciIndexInTheDocumentedOrder() {
    ImageIndex index = IndexBuilder.oci()
        .add(ociAmd64, AMD64)
        .add(ociArm64, ARM64)
        .annotation("org.opencontainers.image.version", "1.4.2")
        .annotation("org.opencontainers.image.created", "2025-03-14T09:26:53Z")
        .build();

    assertThat(text(index)).isEqualTo("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
        + "\"manifests\":["
        + "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + ociAmd64.digest()
        + "\",\"size\":" + ociAmd64.size() + ",\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}},"
        + "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + ociArm64.digest()
        + "\",\"size\":" + ociArm64.size() + ",\"platform\":{\"architecture\":\"arm64\",\"os\":\"linux\"}}],"
        + "\"annotations\":{\"org.opencontainers.image.created\":\"2025-03-14T09:26:53Z\","
        + "\"org.opencontainers.image.version\":\"1.4.2\"}}");
    assertThat(index.digest()).isEqualTo(sha256(index.bytes()));
    assertThat(index.mediaType()).isEqualTo(MediaTypes.OCI_IMAGE_INDEX);
  }

  @Test
  void writesEveryOptionalFieldInTheDocumentedOrder() {
    byte[] empty = utf8("{}");
    Descriptor child = Descriptor.builder().mediaType(MediaTypes.OCI_IMAGE_MANIFEST).digest(digestOf("win")).size(900)
        .platform(Platform.of("windows", "amd64", "v3", "10.0.20348.3207", List.of("win32k")))
        .artifactType("application/vnd.example+json").urls(List.of("https://cdn.example.com/m"))
        .annotation("z", "1").annotation("a", "2").data(empty).size(2).digest(sha256(empty)).build();
    Descriptor subject = Descriptor.of(MediaTypes.OCI_IMAGE_INDEX, digestOf("subject"), 321);

    ImageIndex index = IndexBuilder.oci().add(child).subject(subject).artifactType("application/vnd.example.set")
        .annotation("k", "v").build();

    assertThat(text(index)).isEqualTo("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
        + "\"artifactType\":\"application/vnd.example.set\",\"manifests\":[{"
        + "\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + sha256(empty) + "\","
        + "\"size\":2,\"platform\":{\"architecture\":\"amd64\",\"os\":\"windows\",\"os.version\":\"10.0.20348.3207\","
        + "\"os.features\":[\"win32k\"],\"variant\":\"v3\"},\"artifactType\":\"application/vnd.example+json\","
        + "\"urls\":[\"https://cdn.example.com/m\"],\"annotations\":{\"a\":\"2\",\"z\":\"1\"},\"data\":\"e30=\"}],"
        + "\"subject\":{\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"digest\":\""
        + digestOf("subject") + "\",\"size\":321},\"annotations\":{\"k\":\"v\"}}");
    assertThat(index.manifests()).containsExactly(child);
    assertThat(index.subject()).contains(subject);
    assertThat(index.artifactType()).contains("application/vnd.example.set");
  }

  @Test
  void givesTheSameBytesForTheSameInputWhateverTheAnnotationOrder() {
    ImageIndex first = IndexBuilder.oci().add(ociAmd64, AMD64).add(ociArm64, ARM64)
        .annotation("b", "2").annotation("a", "1").annotate(ociAmd64.digest(), "y", "1")
        .annotate(ociAmd64.digest(), "x", "2").build();
    ImageIndex second = IndexBuilder.oci().add(ociAmd64, AMD64).add(ociArm64, ARM64)
        .annotate(ociAmd64.digest(), "x", "2").annotate(ociAmd64.digest(), "y", "1")
        .annotation("a", "1").annotation("b", "2").build();

    assertThat(second.bytes()).isEqualTo(first.bytes());
    assertThat(second.digest()).isEqualTo(first.digest());
  }

  @Test
  void keepsChildrenInTheOrderTheyWereAdded() {
    ImageIndex forward = IndexBuilder.oci().add(ociAmd64, AMD64).add(ociArm64, ARM64).build();
    ImageIndex backward = IndexBuilder.oci().add(ociArm64, ARM64).add(ociAmd64, AMD64).build();

    assertThat(forward.platforms()).containsExactly(AMD64, ARM64);
    assertThat(backward.platforms()).containsExactly(ARM64, AMD64);
    assertThat(forward.digest()).isNotEqualTo(backward.digest());
  }

  @Test
  void roundTripsThroughTheParser() {
    ImageIndex built = IndexBuilder.docker().add(dockerAmd64, AMD64).add(windows,
        Platform.of("windows", "amd64", null, "10.0.17763.6893", List.of())).build();

    Manifest parsed = Manifest.parse(built.bytes(), built.mediaType());

    assertThat(parsed).isEqualTo(built);
    assertThat(((ImageIndex) parsed).manifests()).isEqualTo(built.manifests());
    assertThat(Manifest.parse(built.bytes(), "")).isEqualTo(built);
  }

  @Test
  void rebuildsARealIndexWithTheSameChildren() {
    ImageIndex original = (ImageIndex) Fixtures.parse("oci-index-buildx.json");
    IndexBuilder builder = IndexBuilder.oci();
    original.manifests().forEach(builder::add);
    original.annotations().forEach(builder::annotation);

    ImageIndex rebuilt = builder.build();

    assertThat(rebuilt.manifests()).isEqualTo(original.manifests());
    assertThat(rebuilt.annotations()).isEqualTo(original.annotations());
    assertThat(rebuilt.attestations()).hasSize(2);
    assertThat(rebuilt.platforms()).containsExactly(AMD64, ARM64);
    assertThat(rebuilt.digest()).as("formatting differs, so the digest does").isNotEqualTo(original.digest());
  }

  @Test
  void buildsADockerManifestListLikeDockerManifestCreate() {
    ImageIndex list = IndexBuilder.docker().add(dockerAmd64, AMD64).build();

    assertThat(list.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST_LIST);
    assertThat(list.isDocker()).isTrue();
    assertThat(text(list)).startsWith("{\"schemaVersion\":2,\"mediaType\":\""
        + MediaTypes.DOCKER_MANIFEST_LIST + "\",\"manifests\":[{\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST_V2);
  }

  @Test
  void setsAndOverridesAChildsPlatformLikeDockerManifestAnnotate() {
    ImageIndex list = IndexBuilder.docker().add(dockerAmd64.descriptor())
        .platform(dockerAmd64.digest(), AMD64)
        .platform(dockerAmd64.digest(), ARM_V7)
        .annotate(dockerAmd64.digest(), "com.example.note", "rebuilt")
        .build();

    assertThat(list.manifests()).singleElement().satisfies(d -> {
      assertThat(d.platform()).contains(ARM_V7);
      assertThat(d.annotations()).containsEntry("com.example.note", "rebuilt");
    });
  }

  @Test
  void refusesADockerListChildWithoutAPlatform() {
    IndexBuilder builder = IndexBuilder.docker().add(dockerAmd64.descriptor());

    InvalidManifestException e = catchThrowableOfType(InvalidManifestException.class, builder::build);

    assertThat(e.reason()).isEqualTo("every child of a Docker manifest list needs a platform; " + dockerAmd64.digest()
        + " has none (set one with platform(digest, platform))");
    assertThat(e.mediaType()).contains(MediaTypes.DOCKER_MANIFEST_LIST);
  }

  @Test
  void allowsOciChildrenWithoutAPlatform() {
    Descriptor sbom = Descriptor.builder().mediaType(MediaTypes.OCI_IMAGE_MANIFEST).digest(digestOf("sbom")).size(700)
        .artifactType("application/spdx+json").build();

    assertThat(IndexBuilder.oci().add(sbom).build().manifests()).containsExactly(sbom);
  }

  @Test
  void refusesOciManifestsInADockerList() {
    InvalidManifestException e = catchThrowableOfType(InvalidManifestException.class,
        () -> IndexBuilder.docker().add(ociAmd64, AMD64));

    assertThat(e.reason()).isEqualTo("a Docker manifest list may only list Docker image manifests ("
        + MediaTypes.DOCKER_MANIFEST_V2 + "); " + ociAmd64.digest() + " is " + MediaTypes.OCI_IMAGE_MANIFEST
        + " (build an OCI index with IndexBuilder.oci() instead)");
  }

  @Test
  void refusesNestedListsInADockerList() {
    Descriptor nested = Descriptor.of(MediaTypes.DOCKER_MANIFEST_LIST, digestOf("list"), 10).withPlatform(AMD64);

    assertThatThrownBy(() -> IndexBuilder.docker().add(nested)).isInstanceOf(InvalidManifestException.class);
  }

  @Test
  void refusesDockerManifestsInAnOciIndex() {
    InvalidManifestException e = catchThrowableOfType(InvalidManifestException.class,
        () -> IndexBuilder.oci().add(dockerAmd64, AMD64));

    assertThat(e.reason()).isEqualTo("an OCI index may only list OCI manifests, indexes and artifacts; "
        + dockerAmd64.digest() + " is " + MediaTypes.DOCKER_MANIFEST_V2
        + " (build a Docker list with IndexBuilder.docker() instead)");
    assertThat(e.mediaType()).contains(MediaTypes.OCI_IMAGE_INDEX);
  }

  @Test
  void refusesBlobsInAnOciIndex() {
    Descriptor layer = Descriptor.of(MediaTypes.OCI_LAYER_TAR_GZIP, digestOf("layer"), 10);

    assertThatThrownBy(() -> IndexBuilder.oci().add(layer)).isInstanceOf(InvalidManifestException.class)
        .hasMessageContaining("which is not a manifest");
    assertThatThrownBy(() -> IndexBuilder.oci().add(ociAmd64.config())).isInstanceOf(InvalidManifestException.class);
  }

  @Test
  void acceptsNestedIndexesInAnOciIndex() {
    Descriptor nested = Descriptor.of(MediaTypes.OCI_IMAGE_INDEX, digestOf("nested"), 10);

    assertThat(IndexBuilder.oci().add(nested).build().manifests()).containsExactly(nested);
  }

  @Test
  void refusesTheSameChildTwiceForTheSamePlatform() {
    IndexBuilder builder = IndexBuilder.oci().add(ociAmd64, AMD64);

    InvalidManifestException e = catchThrowableOfType(InvalidManifestException.class,
        () -> builder.add(ociAmd64, AMD64));

    assertThat(e.reason()).isEqualTo("the index already lists " + ociAmd64.digest() + " for platform linux/amd64");
  }

  @Test
  void acceptsTheSameImageForTwoPlatforms() {
    ImageIndex index = IndexBuilder.docker().add(dockerAmd64, Platform.of("linux", "arm", "v6"))
        .add(dockerAmd64, ARM_V7).build();

    assertThat(index.platforms()).containsExactly(Platform.of("linux", "arm", "v6"), ARM_V7);
  }

  @Test
  void refusesToChangeThePlatformOfAnAmbiguousOrUnknownChild() {
    IndexBuilder builder = IndexBuilder.docker().add(dockerAmd64, AMD64).add(dockerAmd64, ARM_V7);

    assertThatThrownBy(() -> builder.platform(dockerAmd64.digest(), ARM64))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than one child has digest");
    assertThatThrownBy(() -> builder.platform(digestOf("nothing"), ARM64))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no child with digest");
    assertThatThrownBy(() -> builder.annotate(digestOf("nothing"), "k", "v"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no child with digest");
  }

  @Test
  void refusesOciOnlyFieldsOnADockerList() {
    Descriptor subject = ociAmd64.descriptor();

    assertThat(catchThrowableOfType(InvalidManifestException.class, () -> IndexBuilder.docker().subject(subject))
        .reason()).isEqualTo("a Docker manifest list cannot have a subject; use IndexBuilder.oci()");
    assertThat(catchThrowableOfType(InvalidManifestException.class,
        () -> IndexBuilder.docker().artifactType("application/vnd.example")).reason())
        .isEqualTo("a Docker manifest list cannot have an artifactType; use IndexBuilder.oci()");
  }

  @Test
  void refusesMalformedArtifactTypesAndEmptyAnnotationKeys() {
    assertThatThrownBy(() -> IndexBuilder.oci().artifactType("nope")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> IndexBuilder.oci().annotation("", "v")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void buildsAnEmptyIndex() {
    assertThat(text(IndexBuilder.oci().build()))
        .isEqualTo("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[]}");
  }

  @Test
  void refusesMoreChildrenThanTheLimit() {
    IndexBuilder builder = IndexBuilder.oci();
    for (int i = 0; i < FerryLimits.MAX_INDEX_MANIFESTS; i++) {
      builder.add(Descriptor.of(MediaTypes.OCI_IMAGE_MANIFEST, digestOf("c" + i), i));
    }
    Descriptor oneMore = Descriptor.of(MediaTypes.OCI_IMAGE_MANIFEST, digestOf("last"), 1);

    assertThatThrownBy(() -> builder.add(oneMore)).isInstanceOf(InvalidManifestException.class)
        .hasMessageContaining("at most 10000 manifests");
    assertThat(builder.build().manifests()).hasSize(FerryLimits.MAX_INDEX_MANIFESTS);
  }

  @Test
  void leavesABuiltIndexUnchangedWhenTheBuilderGoesOn() {
    IndexBuilder builder = IndexBuilder.oci().add(ociAmd64, AMD64);
    ImageIndex first = builder.build();
    Digest before = first.digest();

    builder.add(ociArm64, ARM64).annotation("k", "v");

    assertThat(first.digest()).isEqualTo(before);
    assertThat(first.manifests()).hasSize(1);
    assertThat(builder.build().manifests()).hasSize(2);
  }
}
