package dev.ferry.testing.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.copy.CopyOperation;
import dev.ferry.copy.CopyResult;
import dev.ferry.copy.ImageLocation;
import dev.ferry.copy.ImageLocationException;
import dev.ferry.copy.IndexMode;
import dev.ferry.copy.PlatformSelection;
import dev.ferry.manifest.Descriptor;
import dev.ferry.manifest.ImageIndex;
import dev.ferry.manifest.IndexBuilder;
import dev.ferry.manifest.Manifest;
import dev.ferry.manifest.MediaTypes;
import dev.ferry.manifest.Platform;
import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.BlobSource;
import dev.ferry.testing.TestImage;
import dev.ferry.testing.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every copy mode between every two kinds of location (registry, OCI layout, OCI archive,
 * docker-archive), each result read back and its digest checked: the index kept, one platform's
 * manifest, the same filtered index whatever the ends, referrers and cosign signatures with their
 * digests. A docker-archive holds one platform and no referrers: asked for more, it refuses with
 * {@link ImageLocationException} before writing anything.
 */
class FileCopyMatrixTest {
  enum Kind { REGISTRY, LAYOUT, OCI_ARCHIVE, DOCKER_ARCHIVE }

  enum Mode { PRESERVE_ORIGINAL, SINGLE_PLATFORM, FILTERED, REFERRERS }

  private static final Platform ARM64 = Platform.parse("linux/arm64");
  private static final Platform AMD64 = Platform.parse("linux/amd64");
  private static final byte[] EMPTY = "{}".getBytes(StandardCharsets.UTF_8);

  @TempDir
  static Path work;

  private static TwoRegistries registries;
  private static TestImage index;
  private static Digest arm64;
  private static Digest filtered;
  private static Manifest sbom;
  private static Manifest signature;
  private static String signatureTag;
  private static final Map<Kind, ImageLocation> SOURCES = new EnumMap<>(Kind.class);

  @BeforeAll
  static void fixtures() {
    registries = new TwoRegistries();
    index = TestImages.image().oci().platforms("linux/amd64", "linux/arm64", "linux/arm/v7").layerSizes(3000, 200)
        .seed(15).push(registries.source, "matrix/app:1");
    ImageReference repository = registries.src("matrix/app");
    sbom = pushArtifact(repository, "application/spdx+json", index);
    signature = pushArtifact(repository, "application/vnd.dev.cosign.artifact.sig.v1+json", null);
    signatureTag = "sha256-" + index.digest().encoded() + ".sig";
    registries.client.pushManifest(repository.withTag(signatureTag), signature);
    arm64 = index.platforms().get(ARM64);
    List<Descriptor> two = new ArrayList<>();
    for (Descriptor d : ((ImageIndex) index.manifest()).manifests()) {
      if (d.platform().filter(p -> p.equals(AMD64) || p.equals(ARM64)).isPresent()) {
        two.add(d);
      }
    }
    IndexBuilder builder = IndexBuilder.oci();
    two.forEach(builder::add);
    filtered = builder.build().digest();

    SOURCES.put(Kind.REGISTRY, ImageLocation.of(index.reference()));
    SOURCES.put(Kind.LAYOUT, ImageLocation.ociLayout(work.resolve("source-layout"), "app:1"));
    SOURCES.put(Kind.OCI_ARCHIVE, ImageLocation.ociArchive(work.resolve("source.oci.tar"), "app:1"));
    SOURCES.put(Kind.DOCKER_ARCHIVE, ImageLocation.dockerArchive(work.resolve("source.docker.tar"), "app:1"));
    CopyOperation.from(SOURCES.get(Kind.REGISTRY)).to(SOURCES.get(Kind.LAYOUT), SOURCES.get(Kind.OCI_ARCHIVE))
        .includeReferrers(true).execute(registries.client);
    CopyOperation.from(SOURCES.get(Kind.REGISTRY)).to(SOURCES.get(Kind.DOCKER_ARCHIVE))
        .platforms(PlatformSelection.only(ARM64)).indexMode(IndexMode.SINGLE_PLATFORM).execute(registries.client);
  }

  @AfterAll
  static void stop() {
    if (registries != null) {
      registries.close();
    }
  }

  static List<Arguments> cases() {
    List<Arguments> all = new ArrayList<>();
    for (Kind from : Kind.values()) {
      for (Kind to : Kind.values()) {
        for (Mode mode : Mode.values()) {
          all.add(Arguments.of(from, to, mode));
        }
      }
    }
    return all;
  }

  @ParameterizedTest(name = "{0} -> {1}, {2}")
  @MethodSource("cases")
  void everyModeWorksBetweenAnyTwoLocations(Kind from, Kind to, Mode mode) {
    String id = (from + "-" + to + "-" + mode).toLowerCase(Locale.ROOT).replace('_', '-');
    ImageLocation target = destination(to, id);
    CopyOperation op = CopyOperation.from(SOURCES.get(from)).to(target).includeReferrers(mode == Mode.REFERRERS);
    op = switch (mode) {
      case SINGLE_PLATFORM -> op.platforms(PlatformSelection.only(ARM64)).indexMode(IndexMode.SINGLE_PLATFORM);
      case FILTERED -> op.platforms(PlatformSelection.only(AMD64, ARM64)).indexMode(IndexMode.FILTERED);
      default -> op;
    };
    boolean onePlatformSource = from == Kind.DOCKER_ARCHIVE;
    boolean indexIntoDockerArchive = to == Kind.DOCKER_ARCHIVE && !onePlatformSource && mode != Mode.SINGLE_PLATFORM;
    boolean referrersOfDockerArchive = mode == Mode.REFERRERS && (from == Kind.DOCKER_ARCHIVE
        || to == Kind.DOCKER_ARCHIVE);
    if (indexIntoDockerArchive || referrersOfDockerArchive) {
      CopyOperation refused = op;
      assertThatThrownBy(() -> refused.execute(registries.client))
          .isInstanceOfSatisfying(ImageLocationException.class,
              e -> assertThat(e.problem()).isEqualTo(ImageLocationException.Problem.UNSUPPORTED));
      target.path().ifPresent(p -> assertThat(p).doesNotExist());
      target.reference().ifPresent(r -> assertThat(registries.client.headManifest(r)).isEmpty());
      return;
    }

    CopyResult result = op.execute(registries.client);

    Digest expected = onePlatformSource ? arm64 : switch (mode) {
      case SINGLE_PLATFORM -> arm64;
      case FILTERED -> filtered;
      default -> index.digest();
    };
    assertThat(result.digest()).isEqualTo(expected);
    assertThat(result.destinationLocations()).hasSize(1);
    ImageReference readBack = readBack(target, id, mode == Mode.REFERRERS);
    assertThat(registries.client.headManifest(readBack).orElseThrow().digest()).isEqualTo(expected);
    if (mode == Mode.REFERRERS) {
      ImageReference repository = readBack.withoutTag();
      assertThat(registries.client.referrers(repository, index.digest(), null)).extracting(Descriptor::digest)
          .containsExactly(sbom.digest());
      assertThat(registries.client.fetchManifest(repository.withTag(signatureTag)).bytes())
          .isEqualTo(signature.bytes());
    }
  }

  private static ImageLocation destination(Kind kind, String id) {
    return switch (kind) {
      case REGISTRY -> ImageLocation.of(registries.dst("matrix/" + id + ":1"));
      case LAYOUT -> ImageLocation.ociLayout(work.resolve(id), "app:1");
      case OCI_ARCHIVE -> ImageLocation.ociArchive(work.resolve(id + ".oci.tar"), "1");
      case DOCKER_ARCHIVE -> ImageLocation.dockerArchive(work.resolve(id + ".docker.tar"), "app:1");
    };
  }

  /** Where to look at what was written: the registry destination, or a copy of the file into the registry. */
  private static ImageReference readBack(ImageLocation written, String id, boolean referrers) {
    if (written.isRegistry()) {
      return written.reference().orElseThrow();
    }
    ImageReference check = registries.dst("read-back/" + id + ":1");
    CopyOperation.from(written).to(ImageLocation.of(check)).includeReferrers(referrers).execute(registries.client);
    return check;
  }

  /** A one-layer OCI artifact; with a subject, an OCI 1.1 referrer of it. */
  private static Manifest pushArtifact(ImageReference repository, String artifactType,
      @org.jspecify.annotations.Nullable TestImage subject) {
    byte[] content = ("{\"type\":\"" + artifactType + "\"}").getBytes(StandardCharsets.UTF_8);
    registries.client.pushBlob(repository, Descriptor.of("application/json", Digest.sha256(content), content.length),
        BlobSource.of(content));
    registries.client.pushBlob(repository, Descriptor.of(MediaTypes.OCI_EMPTY, Digest.sha256(EMPTY), EMPTY.length),
        BlobSource.of(EMPTY));
    String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_IMAGE_MANIFEST + "\",\"artifactType\":\""
        + artifactType + "\",\"config\":{\"mediaType\":\"" + MediaTypes.OCI_EMPTY + "\",\"digest\":\""
        + Digest.sha256(EMPTY) + "\",\"size\":2},\"layers\":[{\"mediaType\":\"application/json\",\"digest\":\""
        + Digest.sha256(content) + "\",\"size\":" + content.length + "}]" + (subject == null ? ""
        : ",\"subject\":{\"mediaType\":\"" + subject.mediaType() + "\",\"digest\":\"" + subject.digest()
        + "\",\"size\":" + subject.manifest().size() + "}") + "}";
    Manifest artifact = Manifest.parse(json.getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_IMAGE_MANIFEST);
    registries.client.pushManifest(repository.withDigest(artifact.digest()), artifact);
    return artifact;
  }
}
