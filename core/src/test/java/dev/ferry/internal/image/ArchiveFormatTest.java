package dev.ferry.internal.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.copy.ImageLocationException;
import dev.ferry.copy.ImageLocationException.Problem;
import dev.ferry.manifest.Descriptor;
import dev.ferry.manifest.ImageManifest;
import dev.ferry.manifest.Manifest;
import dev.ferry.manifest.MediaTypes;
import dev.ferry.reference.Digest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveFormatTest {
  @TempDir
  Path work;

  @Test
  void ociArchiveReadsBackByteForByteAndLeavesNothingElse() throws IOException {
    MemoryImage memory = new MemoryImage();
    Manifest index = memory.index("linux/amd64", "linux/arm64", "linux/arm/v7");
    Path tar = work.resolve("app.oci.tar");

    MemoryImage.copy(memory, ArchiveSink.ociArchive(tar, "v1"));

    try (Stream<Path> files = Files.list(work)) {
      assertThat(files).containsExactly(tar);
    }
    OciLayoutSource source = OciLayoutSource.archive(tar, "v1");
    assertThat(source.root().bytes()).isEqualTo(index.bytes());
    Path copy = work.resolve("again.oci.tar");
    MemoryImage.copy(source, ArchiveSink.ociArchive(copy, "v1"));
    assertThat(Files.readAllBytes(copy)).isEqualTo(Files.readAllBytes(tar));
  }

  @Test
  void aFailedArchiveIsNeverMovedIntoPlace() throws IOException {
    MemoryImage bad = new MemoryImage();
    ImageManifest image = bad.image(false, "linux/amd64", "one", "two");
    bad.blobs.put(image.layers().get(1).digest(), "short".getBytes(StandardCharsets.UTF_8));
    Path tar = work.resolve("app.oci.tar");
    Files.writeString(tar, "the previous archive");

    assertThatThrownBy(() -> MemoryImage.copy(bad, ArchiveSink.ociArchive(tar, "v1")))
        .isInstanceOf(ImageLocationException.class);

    assertThat(Files.readString(tar)).isEqualTo("the previous archive");
    try (Stream<Path> files = Files.list(work)) {
      assertThat(files).containsExactly(tar);
    }
  }

  @Test
  void dockerArchiveCarriesDockerFilesAndTheLayoutSoTheDigestIsKept() throws IOException {
    MemoryImage memory = new MemoryImage();
    ImageManifest image = memory.image(true, "linux/amd64", "base", "app");
    Path tar = work.resolve("nginx.tar");

    MemoryImage.copy(memory, ArchiveSink.dockerArchive(tar, "nginx:1.27"));

    TarIndex index = TarIndex.scan(tar);
    String manifestJson = read(index, "manifest.json");
    assertThat(manifestJson).isEqualTo("[{\"Config\":\"blobs/sha256/" + image.config().digest().encoded()
        + "\",\"RepoTags\":[\"nginx:1.27\"],\"Layers\":[\"blobs/sha256/" + image.layers().get(0).digest().encoded()
        + "\",\"blobs/sha256/" + image.layers().get(1).digest().encoded() + "\"]}]");
    assertThat(read(index, "repositories")).isEqualTo("{\"nginx\":{\"1.27\":\""
        + image.layers().get(1).digest().encoded() + "\"}}");
    ImageSource source = DockerArchiveSource.open(tar, "docker.io/library/nginx:1.27");
    assertThat(source.root().digest()).isEqualTo(image.digest());
  }

  @Test
  void dockerArchiveRefusesAnIndex() {
    MemoryImage memory = new MemoryImage();
    memory.index("linux/amd64", "linux/arm64");
    Path tar = work.resolve("multi.tar");
    assertThatThrownBy(() -> MemoryImage.copy(memory, ArchiveSink.dockerArchive(tar, "app:1")))
        .isInstanceOfSatisfying(ImageLocationException.class,
            e -> assertThat(e.problem()).isEqualTo(Problem.UNSUPPORTED))
        .hasMessageContaining("SINGLE_PLATFORM");
    assertThat(tar).doesNotExist();
  }

  @Test
  void legacyDockerArchiveBecomesAV2ImageWithLayersCompressedOnTheWay() throws IOException {
    Legacy legacy = legacyArchive("app:2", false);

    ImageSource source = DockerArchiveSource.open(legacy.file, "app:2");

    ImageManifest manifest = (ImageManifest) source.root();
    assertThat(manifest.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST_V2);
    assertThat(manifest.config().digest()).isEqualTo(Digest.sha256(legacy.config));
    assertThat(source.sourceDigest()).isEqualTo(Digest.sha256(legacy.config));
    Descriptor layer = manifest.layers().get(0);
    assertThat(layer.mediaType()).isEqualTo(MediaTypes.DOCKER_LAYER_TAR_GZIP);
    try (InputStream in = new GZIPInputStream(source.openBlob(layer))) {
      assertThat(in.readAllBytes()).isEqualTo(legacy.layer);
    }
    try (InputStream in = source.openBlob(manifest.config())) {
      assertThat(in.readAllBytes()).isEqualTo(legacy.config);
    }
    assertThatThrownBy(() -> DockerArchiveSource.open(legacy.file, "app:3"))
        .isInstanceOfSatisfying(ImageLocationException.class,
            e -> assertThat(e.problem()).isEqualTo(Problem.NAME_NOT_FOUND))
        .hasMessageContaining("app:2");
  }

  @Test
  void legacyLayerThatDoesNotMatchItsDiffIdIsRefusedNamingIt() throws IOException {
    Legacy legacy = legacyArchive("app:2", true);
    assertThatThrownBy(() -> DockerArchiveSource.open(legacy.file, "app:2"))
        .isInstanceOfSatisfying(ImageLocationException.class, e -> assertThat(e.problem()).isEqualTo(Problem.CORRUPT))
        .hasMessageContaining("abc/layer.tar");
  }

  @Test
  void aTarThatIsNoImageSaysWhichFormatItLacks() throws IOException {
    Path plain = Files.write(work.resolve("plain.tar"), dev.ferry.it.TarGz.tar("notes.txt", new byte[] {'x'}));
    assertThatThrownBy(() -> OciLayoutSource.archive(plain, "v1"))
        .isInstanceOfSatisfying(ImageLocationException.class,
            e -> assertThat(e.problem()).isEqualTo(Problem.NOT_AN_IMAGE))
        .hasMessageContaining(plain.toString()).hasMessageContaining("no oci-layout file");
    assertThatThrownBy(() -> DockerArchiveSource.open(plain, "app:1"))
        .isInstanceOf(ImageLocationException.class).hasMessageContaining("no manifest.json");

    MemoryImage memory = new MemoryImage();
    memory.image(false, "linux/amd64", "x");
    Path oci = work.resolve("app.oci.tar");
    MemoryImage.copy(memory, ArchiveSink.ociArchive(oci, "v1"));
    assertThatThrownBy(() -> DockerArchiveSource.open(oci, "app:1"))
        .isInstanceOf(ImageLocationException.class).hasMessageContaining("an OCI archive?");
  }

  private record Legacy(Path file, byte[] config, byte[] layer) {}

  /** The form docker save wrote before Docker 25: a directory per layer, a config named by its digest. */
  private Legacy legacyArchive(String tag, boolean corrupt) throws IOException {
    byte[] layer = dev.ferry.it.TarGz.tar("hello.txt", "hello\n".getBytes(StandardCharsets.UTF_8));
    byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
        + Digest.sha256(layer) + "\"]}}").getBytes(StandardCharsets.UTF_8);
    String configName = Digest.sha256(config).encoded() + ".json";
    byte[] stored = layer.clone();
    if (corrupt) {
      stored[10] ^= 1;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarWriter writer = new TarWriter(bytes)) {
      writer.file("abc/VERSION", "1.0".getBytes(StandardCharsets.UTF_8));
      writer.file("abc/layer.tar", stored);
      writer.file(configName, config);
      writer.file("manifest.json", ("[{\"Config\":\"" + configName + "\",\"RepoTags\":[\"" + tag
          + "\"],\"Layers\":[\"abc/layer.tar\"]}]").getBytes(StandardCharsets.UTF_8));
      writer.file("repositories", "{\"app\":{\"2\":\"abc\"}}".getBytes(StandardCharsets.UTF_8));
      writer.finish();
    }
    return new Legacy(Files.write(work.resolve("legacy.tar"), bytes.toByteArray()), config, layer);
  }

  private static String read(TarIndex index, String name) throws IOException {
    try (InputStream in = index.open(index.file(name, name))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
