package dev.ferry.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.internal.image.MemoryImage;
import dev.ferry.internal.image.OciLayoutSink;
import dev.ferry.internal.image.OciLayoutSource;
import dev.ferry.internal.image.Referrers;
import dev.ferry.manifest.Descriptor;
import dev.ferry.manifest.ImageIndex;
import dev.ferry.manifest.ImageManifest;
import dev.ferry.manifest.Manifest;
import dev.ferry.manifest.MediaTypes;
import dev.ferry.manifest.Platform;
import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.BlobSource;
import dev.ferry.registry.RegistryClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Copies between files alone: no registry is contacted, every index mode applies. */
class FileCopyTest {
  @TempDir
  Path work;

  @Test
  void copiesBetweenLayoutsAndArchivesInEveryIndexMode() throws Exception {
    MemoryImage memory = new MemoryImage();
    Manifest index = memory.index("linux/amd64", "linux/arm64", "linux/arm/v7");
    Path layout = work.resolve("layout");
    MemoryImage.copy(memory, OciLayoutSink.open(layout, "app:1"));
    List<CopyEvent> events = new CopyOnWriteArrayList<>();

    try (RegistryClient client = RegistryClient.builder().build()) {
      CopyResult whole = CopyOperation.from(ImageLocation.ociLayout(layout, "app:1"))
          .to(ImageLocation.ociArchive(work.resolve("whole.tar"), "app:1"))
          .listener(events::add).execute(client);
      CopyResult filtered = CopyOperation.from(ImageLocation.ociArchive(work.resolve("whole.tar"), "app:1"))
          .to(ImageLocation.ociLayout(work.resolve("filtered"), "two"))
          .platforms(PlatformSelection.only(Platform.parse("linux/amd64"), Platform.parse("linux/arm64")))
          .indexMode(IndexMode.FILTERED).executeAsync(client).get(1, TimeUnit.MINUTES);
      CopyResult single = CopyOperation.from(ImageLocation.ociLayout(work.resolve("filtered"), "two"))
          .to(ImageLocation.dockerArchive(work.resolve("arm64.tar"), "app:arm64"))
          .platforms(PlatformSelection.only(Platform.parse("linux/arm64")))
          .indexMode(IndexMode.SINGLE_PLATFORM).execute(client);
      CopyResult back = CopyOperation.from(ImageLocation.dockerArchive(work.resolve("arm64.tar"), "app:arm64"))
          .to(ImageLocation.ociLayout(layout, "arm64")).execute(client);
      CopyResult again = CopyOperation.from(ImageLocation.ociLayout(layout, "app:1"))
          .to(ImageLocation.ociLayout(layout, "app:1")).execute(client);

      assertThat(whole.digest()).isEqualTo(index.digest());
      assertThat(whole.digestChanged()).isFalse();
      assertThat(whole.blobsCopied()).isEqualTo(7);
      assertThat(events).filteredOn(e -> e instanceof CopyEvent.BlobFinished).hasSize(7);
      assertThat(filtered.digestChanged()).isTrue();
      assertThat(filtered.platforms()).hasSize(2);
      ImageIndex original = (ImageIndex) index;
      assertThat(single.digest()).isEqualTo(original.manifests().get(1).digest());
      assertThat(back.digest()).isEqualTo(single.digest());
      assertThat(again.upToDate()).isTrue();
      assertThat(whole.source().familiarString()).isEqualTo("app:1");
      assertThat(whole.destinations()).isEmpty();
    }
  }

  @Test
  void referrersAndCosignTagsGoLayoutToArchiveToLayoutWithTheirDigests() throws Exception {
    MemoryImage memory = new MemoryImage();
    ImageManifest image = memory.image(false, "linux/amd64", "signed");
    Path layout = work.resolve("signed");
    Manifest sbom = artifact("application/spdx+json", image);
    Manifest sig = artifact("application/vnd.dev.cosign.artifact.sig.v1+json", null);
    String sigTag = Referrers.tag(image.digest(), ".sig");
    try (OciLayoutSink sink = OciLayoutSink.open(layout, "app:1")) {
      MemoryImage.writeContent(memory, sink);
      for (Manifest m : List.of(sbom, sig)) {
        writeArtifact(sink, m);
      }
      sink.commit(image, new Referrers(List.of(sbom), Map.of(sigTag, sig)));
    }
    Path archive = work.resolve("signed.oci.tar");
    Path back = work.resolve("back");

    try (RegistryClient client = RegistryClient.builder().build()) {
      CopyOperation.from(ImageLocation.ociLayout(layout, "app:1")).to(ImageLocation.ociArchive(archive, "1"))
          .includeReferrers(true).execute(client);
      CopyOperation.from(ImageLocation.ociArchive(archive, "1")).to(ImageLocation.ociLayout(back, "1"))
          .includeReferrers(true).execute(client);
      String indexBefore = Files.readString(back.resolve("index.json"));
      CopyResult again = CopyOperation.from(ImageLocation.ociArchive(archive, "1"))
          .to(ImageLocation.ociLayout(back, "1")).includeReferrers(true).execute(client);

      assertThat(again.upToDate()).isTrue();
      assertThat(Files.readString(back.resolve("index.json"))).as("nothing new, nothing rewritten")
          .isEqualTo(indexBefore);
    }

    OciLayoutSource read = OciLayoutSource.directory(back, "1");
    assertThat(read.root().digest()).isEqualTo(image.digest());
    assertThat(read.referrers(image.digest())).extracting(Descriptor::digest).containsExactly(sbom.digest());
    assertThat(read.taggedReferrers(image.digest())).containsOnlyKeys(sigTag);
    assertThat(read.manifest(read.taggedReferrers(image.digest()).get(sigTag)).bytes()).isEqualTo(sig.bytes());
    assertThat(Files.readString(back.resolve("index.json")))
        .contains("\"org.opencontainers.image.ref.name\":\"" + sigTag + "\"");
    assertThat(Files.readString(layout.resolve("index.json")))
        .contains("\"org.opencontainers.image.ref.name\":\"app:" + sigTag + "\"");
  }

  @Test
  void aReferrerNewToAnUpToDateLayoutIsAddedBesideTheImage() {
    MemoryImage memory = new MemoryImage();
    ImageManifest image = memory.image(false, "linux/amd64", "later");
    Path source = work.resolve("source");
    MemoryImage.copy(memory, OciLayoutSink.open(source, "v1"));
    Path mirror = work.resolve("mirror");
    try (RegistryClient client = RegistryClient.builder().build()) {
      CopyOperation op = CopyOperation.from(ImageLocation.ociLayout(source, "v1"))
          .to(ImageLocation.ociLayout(mirror, "v1")).includeReferrers(true);
      op.execute(client);
      Manifest attestation = artifact("application/vnd.in-toto+json", image);
      try (OciLayoutSink sink = OciLayoutSink.open(source, "v1")) {
        writeArtifact(sink, attestation);
        sink.nameReferrers(new Referrers(List.of(attestation), Map.of()));
      }

      CopyResult second = op.execute(client);

      assertThat(second.upToDate()).isTrue();
      assertThat(OciLayoutSource.directory(mirror, "v1").referrers(image.digest())).extracting(Descriptor::digest)
          .containsExactly(attestation.digest());
    }
  }

  @Test
  void aDockerArchiveRefusesReferrersBeforeAnythingIsWritten() {
    MemoryImage memory = new MemoryImage();
    memory.image(true, "linux/amd64", "docker");
    Path tar = work.resolve("app.tar");
    MemoryImage.copy(memory, dev.ferry.internal.image.ArchiveSink.dockerArchive(tar, "app:1"));
    MemoryImage.copy(memory, OciLayoutSink.open(work.resolve("layout"), "1"));
    Path out = work.resolve("out");
    try (RegistryClient client = RegistryClient.builder().build()) {
      CopyOperation fromDocker = CopyOperation.from(ImageLocation.dockerArchive(tar, "app:1"))
          .to(ImageLocation.ociLayout(out, "1")).includeReferrers(true);
      CopyOperation toDocker = CopyOperation.from(ImageLocation.ociLayout(work.resolve("layout"), "1"))
          .to(ImageLocation.ociLayout(out, "1"), ImageLocation.dockerArchive(work.resolve("b.tar"), "app:1"));

      assertThatThrownBy(() -> fromDocker.execute(client))
          .isInstanceOfSatisfying(ImageLocationException.class, e -> {
            assertThat(e.problem()).isEqualTo(ImageLocationException.Problem.UNSUPPORTED);
            assertThat(e.path()).isEqualTo(tar);
          }).hasMessageContaining("cannot carry referrers").hasMessageContaining("OCI archive or layout");
      assertThatThrownBy(() -> toDocker.includeReferrers(true).execute(client))
          .isInstanceOfSatisfying(ImageLocationException.class,
              e -> assertThat(e.path()).isEqualTo(work.resolve("b.tar")));
      assertThat(out).doesNotExist();
      assertThat(work.resolve("b.tar")).doesNotExist();
      assertThat(toDocker.execute(client).destinationLocations()).hasSize(2);
    }
  }

  @Test
  void resultsAndFailuresNameFilesAsSkopeoDoes() {
    MemoryImage memory = new MemoryImage();
    memory.image(false, "linux/amd64", "named");
    Path layout = work.resolve("named");
    MemoryImage.copy(memory, OciLayoutSink.open(layout, "app:1"));
    Path tar = work.resolve("x.tar");
    ImageReference unreachable = ImageReference.parse("127.0.0.1:9/team/app:1");
    try (RegistryClient client = RegistryClient.builder().plainHttp("127.0.0.1:9")
        .retryPolicy(dev.ferry.registry.RetryPolicy.none()).build()) {
      CopyResult result = CopyOperation.from(ImageLocation.ociLayout(layout, "app:1"))
          .to(ImageLocation.ociArchive(tar, "app:1")).execute(client);
      CopyOperation toRegistry = CopyOperation.from(ImageLocation.ociArchive(tar, "app:1"))
          .to(ImageLocation.of(unreachable));

      assertThat(result.sourceLocation()).isEqualTo(ImageLocation.ociLayout(layout, "app:1"));
      assertThat(result.destinationLocations()).containsExactly(ImageLocation.ociArchive(tar, "app:1"));
      assertThat(result.toString()).startsWith("CopyResult{oci:" + layout + ":app:1 -> [oci-archive:" + tar
          + ":app:1], " + result.digest());
      assertThat(toRegistry.toString()).startsWith("CopyOperation{oci-archive:" + tar + ":app:1 -> [" + unreachable);
      assertThatThrownBy(() -> toRegistry.execute(client))
          .isInstanceOfSatisfying(CopyException.class, e -> {
            assertThat(e.registry()).contains("127.0.0.1:9");
            assertThat(e.repository()).contains("team/app");
          }).hasMessageStartingWith("copying oci-archive:" + tar + ":app:1 failed at manifest " + unreachable);
    }
  }

  /** An OCI artifact of one small layer; with a subject it is an OCI 1.1 referrer. */
  private static Manifest artifact(String artifactType, @org.jspecify.annotations.Nullable ImageManifest subject) {
    byte[] content = ("{\"type\":\"" + artifactType + "\"}").getBytes(StandardCharsets.UTF_8);
    String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_IMAGE_MANIFEST + "\",\"artifactType\":\""
        + artifactType + "\",\"config\":{\"mediaType\":\"" + MediaTypes.OCI_EMPTY + "\",\"digest\":\""
        + Digest.sha256(EMPTY) + "\",\"size\":2},\"layers\":[{\"mediaType\":\"application/json\",\"digest\":\""
        + Digest.sha256(content) + "\",\"size\":" + content.length + "}]" + (subject == null ? ""
        : ",\"subject\":{\"mediaType\":\"" + subject.mediaType() + "\",\"digest\":\"" + subject.digest()
        + "\",\"size\":" + subject.size() + "}") + "}";
    ARTIFACT_LAYERS.put(Digest.sha256(content), content);
    return Manifest.parse(json.getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_IMAGE_MANIFEST);
  }

  private static final byte[] EMPTY = "{}".getBytes(StandardCharsets.UTF_8);
  private static final Map<Digest, byte[]> ARTIFACT_LAYERS = new java.util.concurrent.ConcurrentHashMap<>();

  private static void writeArtifact(OciLayoutSink sink, Manifest artifact) {
    for (Descriptor blob : artifact.references()) {
      byte[] bytes = blob.digest().equals(Digest.sha256(EMPTY)) ? EMPTY : ARTIFACT_LAYERS.get(blob.digest());
      if (bytes != null && !sink.hasBlob(blob)) {
        sink.writeBlob(blob, BlobSource.of(bytes));
      }
    }
    sink.writeManifest(artifact);
  }

  @Test
  void badFilesFailWithTheirOwnTypedError() {
    try (RegistryClient client = RegistryClient.builder().build()) {
      CopyOperation missing = CopyOperation.from(ImageLocation.ociArchive(work.resolve("nope.tar"), "v1"))
          .to(ImageLocation.ociLayout(work.resolve("out"), "v1"));
      assertThatThrownBy(() -> missing.execute(client))
          .isInstanceOfSatisfying(ImageLocationException.class,
              e -> assertThat(e.problem()).isEqualTo(ImageLocationException.Problem.MISSING));
      assertThatThrownBy(() -> missing.allTags()).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> ImageLocation.ociLayout(work, "two words"))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(ImageLocation.ociArchive(Path.of("a.tar"), "v1")).hasToString("oci-archive:a.tar:v1");
    }
  }
}
