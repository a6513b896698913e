package dev.ferry.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.internal.json.JsonReader;
import dev.ferry.it.DockerRegistryProcess;
import dev.ferry.it.Skopeo;
import dev.ferry.manifest.Descriptor;
import dev.ferry.manifest.ImageIndex;
import dev.ferry.manifest.ImageManifest;
import dev.ferry.manifest.Manifest;
import dev.ferry.manifest.MediaTypes;
import dev.ferry.manifest.Platform;
import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images through files with skopeo as the independent peer: Ferry writes what skopeo's
 * {@code oci:}, {@code oci-archive:} and {@code docker-archive:} transports read, and reads
 * what they write, for an OCI image, a Docker v2 schema 2 image and a 4-platform index.
 */
class ImageLocationIT {
  private static final List<Platform> FOUR = List.of(Platform.of("linux", "amd64"), Platform.of("linux", "arm64"),
      Platform.of("linux", "arm", "v7"), Platform.of("linux", "ppc64le"));
  private static final List<String> IMAGES = List.of("files/oci:v1", "files/docker:v1", "files/index:v1",
      "files/docker-index:v1");
  /** skopeo's oci transport lists only OCI media types in index.json, so it reads these two. */
  private static final List<String> OCI_IMAGES = List.of("files/oci:v1", "files/index:v1");

  @TempDir
  static Path work;

  private static RegistryPair pair;
  private static DockerRegistryProcess source;
  private static RegistryClient client;
  private static Skopeo skopeo;

  @BeforeAll
  static void start() {
    skopeo = Skopeo.require();
    pair = RegistryPair.start(work);
    source = pair.source;
    client = pair.client;
    CopyFixtures.pushImageWithSkopeo(skopeo, work.resolve("fixture-oci"), source.address() + "/files/oci:v1", 1, false);
    CopyFixtures.pushImageWithSkopeo(skopeo, work.resolve("fixture-docker"), source.address() + "/files/docker:v1", 2,
        true);
    CopyFixtures.pushIndexWithSkopeo(skopeo, work.resolve("fixture-index"), source.address() + "/files/index:v1", FOUR,
        false);
    CopyFixtures.pushIndexWithSkopeo(skopeo, work.resolve("fixture-docker-index"),
        source.address() + "/files/docker-index:v1", FOUR, true);
  }

  @AfterAll
  static void stop() {
    if (pair != null) {
      pair.close();
    }
  }

  private static ImageReference src(String path) {
    return pair.src(path);
  }

  private static ImageReference dst(String path) {
    return pair.dst(path);
  }

  private static Digest digestAt(ImageReference ref) {
    return client.headManifest(ref).orElseThrow(() -> new AssertionError("nothing at " + ref)).digest();
  }

  private static Digest skopeoDigest(String transport) {
    return Digest.sha256(skopeo.ok("inspect", "--raw", transport).stdout());
  }

  @Test
  void skopeoReadsTheLayoutsAndArchivesFerryWritesWithEveryDigestKept() {
    for (String image : OCI_IMAGES) {
      Digest original = digestAt(src(image));
      String name = image.replace('/', '-').replace(':', '-');
      Path layout = work.resolve("ferry-layout");
      Path archive = work.resolve(name + ".oci.tar");

      CopyResult toLayout = CopyOperation.from(ImageLocation.of(src(image)))
          .to(ImageLocation.ociLayout(layout, name), ImageLocation.ociArchive(archive, "v1")).execute(client);

      assertThat(toLayout.digest()).isEqualTo(original);
      assertThat(skopeoDigest("oci:" + layout + ":" + name)).as(image).isEqualTo(original);
      assertThat(skopeoDigest("oci-archive:" + archive + ":v1")).as(image).isEqualTo(original);
      skopeo.ok("copy", "--all", "--preserve-digests", "--dest-tls-verify=false", "oci:" + layout + ":" + name,
          "docker://" + dst("by-skopeo/" + name + ":layout"));
      skopeo.ok("copy", "--all", "--preserve-digests", "--dest-tls-verify=false", "oci-archive:" + archive + ":v1",
          "docker://" + dst("by-skopeo/" + name + ":archive"));
      assertThat(digestAt(dst("by-skopeo/" + name + ":layout"))).as(image).isEqualTo(original);
      assertThat(digestAt(dst("by-skopeo/" + name + ":archive"))).as(image).isEqualTo(original);
    }
  }

  @Test
  void dockerManifestsAndListsGoThroughLayoutsAndArchivesByteForByte() {
    for (String image : List.of("files/docker:v1", "files/docker-index:v1")) {
      Digest original = digestAt(src(image));
      Path layout = work.resolve("docker-in-layout");
      Path archive = work.resolve(image.replace('/', '-').replace(':', '-') + ".oci.tar");

      CopyOperation.from(ImageLocation.of(src(image)))
          .to(ImageLocation.ociLayout(layout, image), ImageLocation.ociArchive(archive, image)).execute(client);
      CopyResult fromLayout = CopyOperation.from(ImageLocation.ociLayout(layout, image))
          .to(ImageLocation.of(dst("docker-through-layout/" + image))).execute(client);
      CopyResult fromArchive = CopyOperation.from(ImageLocation.ociArchive(archive, image))
          .to(ImageLocation.of(dst("docker-through-archive/" + image))).execute(client);

      assertThat(fromLayout.digest()).isEqualTo(original);
      assertThat(fromArchive.digest()).isEqualTo(original);
      assertThat(digestAt(dst("docker-through-layout/" + image))).isEqualTo(original);
      assertThat(client.fetchManifest(dst("docker-through-archive/" + image)).mediaType())
          .isEqualTo(client.fetchManifest(src(image)).mediaType());
    }
  }

  @Test
  void ferryReadsTheLayoutsAndArchivesSkopeoWrites() {
    for (String image : IMAGES) {
      String name = image.replace('/', '-').replace(':', '-');
      Path layout = work.resolve("skopeo-layout");
      Path archive = work.resolve("skopeo-" + name + ".oci.tar");
      skopeo.ok("copy", "--all", "--src-tls-verify=false", "docker://" + src(image), "oci:" + layout + ":" + name);
      skopeo.ok("copy", "--all", "--src-tls-verify=false", "docker://" + src(image), "oci-archive:" + archive + ":v1");
      // skopeo's oci transport holds OCI manifests only: a Docker image is converted on the way in
      Digest inLayout = skopeoDigest("oci:" + layout + ":" + name);

      CopyResult fromLayout = CopyOperation.from(ImageLocation.ociLayout(layout, name))
          .to(ImageLocation.of(dst("from-layout/" + name + ":v1"))).execute(client);
      CopyResult fromArchive = CopyOperation.from(ImageLocation.ociArchive(archive, "v1"))
          .to(ImageLocation.of(dst("from-archive/" + name + ":v1"))).execute(client);

      assertThat(fromLayout.sourceDigest()).isEqualTo(inLayout);
      assertThat(digestAt(dst("from-layout/" + name + ":v1"))).as(image).isEqualTo(inLayout);
      assertThat(digestAt(dst("from-archive/" + name + ":v1"))).as(image)
          .isEqualTo(skopeoDigest("oci-archive:" + archive + ":v1")).isEqualTo(fromArchive.digest());
      if (!image.contains("docker")) {
        assertThat(inLayout).isEqualTo(digestAt(src(image)));
      }
    }
  }

  @Test
  void dockerArchivesFerryWritesCarryTheConfigAndDiffIdsSkopeoReads() throws IOException {
    for (String image : List.of("files/oci:v1", "files/docker:v1")) {
      ImageManifest original = (ImageManifest) client.fetchManifest(src(image));
      Path tar = work.resolve("ferry-" + image.replace('/', '-').replace(':', '-') + ".docker.tar");

      CopyOperation.from(ImageLocation.of(src(image)))
          .to(ImageLocation.dockerArchive(tar, "mirror/app:1.0")).execute(client);

      ImageManifest seen = (ImageManifest) Manifest.parse(
          skopeo.ok("inspect", "--raw", "docker-archive:" + tar + ":mirror/app:1.0").stdout(), "");
      assertThat(seen.config().digest()).as(image).isEqualTo(original.config().digest());
      assertThat(seen.layers()).extracting(Descriptor::digest).as(image).containsExactlyElementsOf(diffIds(src(image),
          original));
      // and the digest comes back when Ferry reads its own archive (Docker 25's OCI part)
      CopyResult back = CopyOperation.from(ImageLocation.dockerArchive(tar, "mirror/app:1.0"))
          .to(ImageLocation.of(dst("docker-back/" + image))).execute(client);
      assertThat(back.digest()).isEqualTo(original.digest());
      assertThat(back.digestChanged()).isFalse();
    }
  }

  @Test
  void dockerArchivesSkopeoWritesBecomeV2ImagesWithTheSameConfigAndDiffIds() throws IOException {
    for (String image : List.of("files/oci:v1", "files/docker:v1")) {
      ImageManifest original = (ImageManifest) client.fetchManifest(src(image));
      Path tar = work.resolve("skopeo-" + image.replace('/', '-').replace(':', '-') + ".docker.tar");
      skopeo.ok("copy", "--src-tls-verify=false", "docker://" + src(image), "docker-archive:" + tar + ":legacy/app:2");

      CopyResult result = CopyOperation.from(ImageLocation.dockerArchive(tar, "legacy/app:2"))
          .to(ImageLocation.of(dst("from-docker-archive/" + image.replace(":v1", "") + ":2"))).execute(client);

      ImageManifest pushed = (ImageManifest) client.fetchManifest(dst("from-docker-archive/"
          + image.replace(":v1", "") + ":2"));
      assertThat(pushed.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST_V2);
      assertThat(pushed.config().digest()).as(image).isEqualTo(original.config().digest());
      assertThat(result.sourceDigest()).isEqualTo(original.config().digest());
      assertThat(result.digestChanged()).isTrue();
      assertThat(pushed.layers()).allSatisfy(l -> assertThat(l.mediaType()).isEqualTo(MediaTypes.DOCKER_LAYER_TAR_GZIP));
      assertThat(uncompressedDigests(dst("from-docker-archive/" + image.replace(":v1", "")), pushed))
          .containsExactlyElementsOf(diffIds(src(image), original));
    }
  }

  @Test
  void anIndexGoesIntoADockerArchiveOnlyAsOnePlatform() {
    Path tar = work.resolve("index.docker.tar");
    CopyOperation whole = CopyOperation.from(ImageLocation.of(src("files/index:v1")))
        .to(ImageLocation.dockerArchive(tar, "multi:1"));
    assertThatThrownBy(() -> whole.execute(client))
        .isInstanceOfSatisfying(ImageLocationException.class,
            e -> assertThat(e.problem()).isEqualTo(ImageLocationException.Problem.UNSUPPORTED));
    assertThat(tar).doesNotExist();

    CopyResult one = whole.platforms(PlatformSelection.only(Platform.parse("linux/arm64")))
        .indexMode(IndexMode.SINGLE_PLATFORM).execute(client);

    ImageIndex index = (ImageIndex) client.fetchManifest(src("files/index:v1"));
    assertThat(one.digest()).isEqualTo(index.require(dev.ferry.manifest.PlatformMatcher.strict(
        Platform.parse("linux/arm64"))).digest());
    assertThat(skopeo.ok("inspect", "--config", "--raw", "docker-archive:" + tar + ":multi:1").out())
        .contains("\"arm64\"");
  }

  @Test
  void airGappedRoundTripThroughAnOciArchiveKeepsTheIndexDigest() {
    Path tar = work.resolve("airgap.oci.tar");
    Digest original = digestAt(src("files/index:v1"));

    CopyResult out = CopyOperation.from(ImageLocation.of(src("files/index:v1")))
        .to(ImageLocation.ociArchive(tar, "files/index:v1")).execute(client);
    CopyResult in = CopyOperation.from(ImageLocation.ociArchive(tar, "files/index:v1"))
        .to(ImageLocation.of(dst("airgap/index:v1"))).execute(client);

    assertThat(out.digest()).isEqualTo(original);
    assertThat(in.digest()).isEqualTo(original);
    assertThat(digestAt(dst("airgap/index:v1"))).isEqualTo(original);
    assertThat(in.platforms()).hasSize(4);
    assertThat(CopyOperation.from(ImageLocation.ociArchive(tar, "files/index:v1"))
        .to(ImageLocation.of(dst("airgap/index:v1"))).execute(client).upToDate()).isTrue();
  }

  /** DESIGN.md's "Images outside registries" snippet, with local registries for Docker Hub and registry.local. */
  @Test
  void theDesignSnippetRunsAsWritten() {
    Path airgap = work.resolve("design");
    String nginx = source.address() + "/library/nginx:1.27";
    skopeo.ok("copy", "--src-tls-verify=false", "docker://" + src("files/docker:v1"),
        "docker-archive:" + airgap.resolveSibling("design-nginx.tar") + ":" + nginx);

    ImageLocation hub    = ImageLocation.of(src("files/index:v1"));                                  // a registry
    ImageLocation layout = ImageLocation.ociLayout(airgap.resolve("oci"), "nginx:1.27");     // OCI image layout directory
    ImageLocation ociTar = ImageLocation.ociArchive(airgap.resolve("nginx.oci.tar"), "nginx:1.27");  // the same as one tar
    ImageLocation docker = ImageLocation.dockerArchive(airgap.resolveSibling("design-nginx.tar"), nginx);
    CopyOperation.from(hub).to(layout).execute(client);
    CopyOperation.from(layout).to(ociTar).execute(client);
    CopyOperation.from(docker).to(ImageLocation.of(dst("registry-local/nginx:1.27"))).execute(client);

    assertThat(skopeoDigest("oci:" + airgap.resolve("oci") + ":nginx:1.27")).isEqualTo(digestAt(src("files/index:v1")));
    assertThat(skopeoDigest("oci-archive:" + airgap.resolve("nginx.oci.tar") + ":nginx:1.27"))
        .isEqualTo(digestAt(src("files/index:v1")));
    assertThat(((ImageManifest) client.fetchManifest(dst("registry-local/nginx:1.27"))).config().digest())
        .isEqualTo(((ImageManifest) client.fetchManifest(src("files/docker:v1"))).config().digest());
  }

  @Test
  void everyIndexModeWorksFromALayout() {
    Path layout = work.resolve("modes-layout");
    CopyOperation.from(ImageLocation.of(src("files/index:v1"))).to(ImageLocation.ociLayout(layout, "v1"))
        .execute(client);
    ImageLocation from = ImageLocation.ociLayout(layout, "v1");
    PlatformSelection two = PlatformSelection.only(Platform.parse("linux/amd64"), Platform.parse("linux/arm64"));

    CopyResult filtered = CopyOperation.from(from).to(ImageLocation.of(dst("modes/filtered:v1")))
        .platforms(two).indexMode(IndexMode.FILTERED).execute(client);
    CopyResult single = CopyOperation.from(from).to(ImageLocation.of(dst("modes/single:v1")))
        .platforms(PlatformSelection.only(Platform.parse("linux/arm/v7"))).indexMode(IndexMode.SINGLE_PLATFORM)
        .execute(client);
    Path layout2 = work.resolve("modes-layout-2");
    CopyResult layoutToLayout = CopyOperation.from(from).to(ImageLocation.ociLayout(layout2, "two"))
        .platforms(two).indexMode(IndexMode.FILTERED).execute(client);

    ImageIndex written = (ImageIndex) client.fetchManifest(dst("modes/filtered:v1"));
    assertThat(written.platforms()).containsExactlyInAnyOrder(Platform.parse("linux/amd64"),
        Platform.parse("linux/arm64"));
    assertThat(filtered.digestChanged()).isTrue();
    assertThat(client.fetchManifest(dst("modes/single:v1"))).isInstanceOf(ImageManifest.class);
    assertThat(single.platforms()).containsExactly(Platform.parse("linux/arm/v7"));
    assertThat(layoutToLayout.digest()).isEqualTo(filtered.digest());
    assertThat(skopeoDigest("oci:" + layout2 + ":two")).isEqualTo(filtered.digest());
  }

  /**
   * Signature in, file, signature out: an OCI 1.1 referrer (listed through the referrers tag fallback, as
   * registry:2 has no referrers API) and a cosign {@code sha256-<hex>.sig} tag, through a layout and an
   * OCI archive into another registry, every digest kept; a docker-archive refuses them.
   */
  @Test
  void referrersAndCosignSignaturesTravelThroughALayoutAndAnArchive() throws IOException {
    ImageReference repository = src("files/signed");
    CopyOperation.from(src("files/oci:v1")).to(repository.withTag("v1")).execute(client);
    ImageManifest image = (ImageManifest) client.fetchManifest(repository.withTag("v1"));
    Manifest sbom = pushArtifact(repository, "application/vnd.example.sbom", image, Map.of());
    String sigTag = "sha256-" + image.digest().encoded() + ".sig";
    Manifest signature = pushArtifact(repository, "application/vnd.dev.cosign.artifact.sig.v1+json", null,
        Map.of("dev.cosignproject.cosign/signature", "MEUCIQ-test"));
    client.pushManifest(repository.withTag(sigTag), signature);
    Path layout = work.resolve("signed-layout");
    Path archive = work.resolve("signed.oci.tar");

    CopyOperation.from(ImageLocation.of(repository.withTag("v1")))
        .to(ImageLocation.ociLayout(layout, "signed:v1"), ImageLocation.ociArchive(archive, "v1"))
        .includeReferrers(true).execute(client);
    CopyOperation.from(ImageLocation.ociLayout(layout, "signed:v1")).to(ImageLocation.of(dst("via-layout/app:v1")))
        .includeReferrers(true).execute(client);
    CopyOperation.from(ImageLocation.ociArchive(archive, "v1")).to(ImageLocation.of(dst("via-archive/app:v1")))
        .includeReferrers(true).execute(client);

    assertThat(java.nio.file.Files.readString(layout.resolve("index.json")))
        .contains("\"org.opencontainers.image.ref.name\":\"signed:" + sigTag + "\"");
    for (String path : List.of("via-layout/app", "via-archive/app")) {
      assertThat(digestAt(dst(path + ":v1"))).as(path).isEqualTo(image.digest());
      assertThat(client.referrers(dst(path), image.digest(), null)).as(path).extracting(Descriptor::digest)
          .containsExactly(sbom.digest());
      assertThat(client.fetchManifest(dst(path).withDigest(sbom.digest())).bytes()).isEqualTo(sbom.bytes());
      assertThat(digestAt(dst(path + ":" + sigTag))).as(path).isEqualTo(signature.digest());
    }
    // skopeo still finds the image by its name among the referrers' entries
    assertThat(skopeoDigest("oci:" + layout + ":signed:v1")).isEqualTo(image.digest());
    assertThat(skopeoDigest("oci-archive:" + archive + ":v1")).isEqualTo(image.digest());

    Path docker = work.resolve("signed.docker.tar");
    CopyOperation toDocker = CopyOperation.from(ImageLocation.of(repository.withTag("v1")))
        .to(ImageLocation.dockerArchive(docker, "signed:v1")).includeReferrers(true);
    assertThatThrownBy(() -> toDocker.execute(client))
        .isInstanceOfSatisfying(ImageLocationException.class, e -> {
          assertThat(e.problem()).isEqualTo(ImageLocationException.Problem.UNSUPPORTED);
          assertThat(e.path()).isEqualTo(docker);
        }).hasMessageContaining("cannot carry referrers");
    assertThat(docker).doesNotExist();
  }

  /**
   * A small artifact in {@code repository}: with a subject it is an OCI 1.1 referrer, listed through the
   * referrers tag fallback that registry:2 needs; without one it is what cosign tags.
   */
  private static Manifest pushArtifact(ImageReference repository, String artifactType,
      @org.jspecify.annotations.Nullable ImageManifest subject,
      Map<String, String> layerAnnotations) {
    byte[] content = ("{\"of\":\"" + artifactType + "\"}").getBytes(StandardCharsets.UTF_8);
    Descriptor blob = Descriptor.of("application/json", Digest.sha256(content), content.length);
    client.pushBlob(repository, blob, dev.ferry.registry.BlobSource.of(content));
    byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
    Descriptor config = Descriptor.of(MediaTypes.OCI_EMPTY, Digest.sha256(empty), empty.length);
    client.pushBlob(repository, config, dev.ferry.registry.BlobSource.of(empty));
    StringBuilder annotations = new StringBuilder();
    layerAnnotations.forEach((k, v) -> annotations.append(annotations.length() == 0 ? "" : ",")
        .append('"').append(k).append("\":\"").append(v).append('"'));
    String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_IMAGE_MANIFEST + "\","
        + "\"artifactType\":\"" + artifactType + "\",\"config\":{\"mediaType\":\"" + MediaTypes.OCI_EMPTY
        + "\",\"digest\":\"" + config.digest() + "\",\"size\":2},\"layers\":[{\"mediaType\":\"application/json\","
        + "\"digest\":\"" + blob.digest() + "\",\"size\":" + content.length + ",\"annotations\":{" + annotations + "}}]"
        + (subject == null ? "" : ",\"subject\":{\"mediaType\":\"" + subject.mediaType() + "\",\"digest\":\""
        + subject.digest() + "\",\"size\":" + subject.size() + "}") + "}";
    Manifest artifact = Manifest.parse(json.getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_IMAGE_MANIFEST);
    client.pushManifest(repository.withDigest(artifact.digest()), artifact);
    if (subject != null && client.referrers(repository, subject.digest(), null).isEmpty()) {
      client.pushManifest(repository.withTag(subject.digest().algorithm() + "-" + subject.digest().encoded()),
          dev.ferry.manifest.IndexBuilder.oci().add(artifact.descriptor()).build());
    }
    return artifact;
  }

  @SuppressWarnings("unchecked")
  private static List<Digest> diffIds(ImageReference ref, ImageManifest image) throws IOException {
    byte[] config;
    try (InputStream in = client.openBlob(ref.withoutTag(), image.config())) {
      config = in.readAllBytes();
    }
    Map<String, Object> rootfs = (Map<String, Object>) new JsonReader(16, 1 << 20).readObject(config).get("rootfs");
    List<Digest> out = new ArrayList<>();
    for (Object d : (List<Object>) rootfs.get("diff_ids")) {
      out.add(Digest.parse((String) d));
    }
    return out;
  }

  private static List<Digest> uncompressedDigests(ImageReference repository, ImageManifest image) throws IOException {
    List<Digest> out = new ArrayList<>();
    for (Descriptor layer : image.layers()) {
      try (InputStream in = new GZIPInputStream(client.openBlob(repository, layer))) {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[65536];
        for (int n; (n = in.read(buffer)) > 0; ) {
          sha.update(buffer, 0, n);
        }
        out.add(new Digest("sha256", HexFormat.of().formatHex(sha.digest())));
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new AssertionError(e);
      }
    }
    return out;
  }
}
