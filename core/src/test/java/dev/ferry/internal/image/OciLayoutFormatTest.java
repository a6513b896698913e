package dev.ferry.internal.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.copy.ImageLocationException;
import dev.ferry.copy.ImageLocationException.Problem;
import dev.ferry.manifest.Descriptor;
import dev.ferry.manifest.ImageIndex;
import dev.ferry.manifest.ImageManifest;
import dev.ferry.manifest.Manifest;
import dev.ferry.reference.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciLayoutFormatTest {
  @TempDir
  Path work;

  @Test
  void layoutDirectoryReadsBackByteForByteUnderItsRefName() throws IOException {
    MemoryImage memory = new MemoryImage();
    Manifest index = memory.index("linux/amd64", "linux/arm64");
    Path dir = work.resolve("layout");

    MemoryImage.copy(memory, OciLayoutSink.open(dir, "app:1.0"));

    assertThat(Files.readString(dir.resolve("oci-layout"))).isEqualTo("{\"imageLayoutVersion\":\"1.0.0\"}");
    assertThat(Files.readString(dir.resolve("index.json")))
        .contains("\"org.opencontainers.image.ref.name\":\"app:1.0\"").contains(index.digest().toString());
    OciLayoutSource source = OciLayoutSource.directory(dir, "app:1.0");
    assertThat(source.root().bytes()).isEqualTo(index.bytes());
    ImageIndex read = (ImageIndex) source.root();
    ImageManifest child = (ImageManifest) source.manifest(read.manifests().get(1));
    Descriptor layer = child.layers().get(1);
    try (InputStream in = source.openBlob(layer)) {
      assertThat(in.readAllBytes()).isEqualTo(memory.blobs.get(layer.digest()));
    }
    assertThat(Files.size(dir.resolve("blobs/sha256/" + layer.digest().encoded()))).isEqualTo(layer.size());
  }

  @Test
  void writingAddsToALayoutKeepingOtherNamesAndReplacingTheSameName() {
    Path dir = work.resolve("layout");
    MemoryImage a = new MemoryImage();
    a.image(false, "linux/amd64", "a");
    MemoryImage b = new MemoryImage();
    b.image(false, "linux/amd64", "b");
    MemoryImage c = new MemoryImage();
    c.image(false, "linux/amd64", "c");

    MemoryImage.copy(a, OciLayoutSink.open(dir, "one"));
    MemoryImage.copy(b, OciLayoutSink.open(dir, "two"));
    MemoryImage.copy(c, OciLayoutSink.open(dir, "one"));

    assertThat(LayoutIndex.read(new DirectoryFiles(dir))).hasSize(2);
    assertThat(OciLayoutSource.directory(dir, "one").root().digest()).isEqualTo(c.root.digest());
    assertThat(OciLayoutSource.directory(dir, "two").root().digest()).isEqualTo(b.root.digest());
    assertThat(OciLayoutSink.open(dir, "two").current()).contains(b.root.digest());
  }

  @Test
  void findsAnImageByTheFullReferenceContainerdAndDockerWrite() throws IOException {
    MemoryImage memory = new MemoryImage();
    memory.image(true, "linux/amd64", "x");
    Path tar = work.resolve("docker.tar");
    MemoryImage.copy(memory, ArchiveSink.dockerArchive(tar, "nginx:1.27"));
    Path dir = work.resolve("unpacked");
    Files.createDirectories(dir.resolve("blobs/sha256"));
    TarIndex index = TarIndex.scan(tar);
    for (String name : new String[] {"oci-layout", "index.json"}) {
      try (InputStream in = index.open(index.file(name, name))) {
        Files.write(dir.resolve(name), in.readAllBytes());
      }
    }
    for (Digest d : new Digest[] {memory.root.digest()}) {
      Files.write(dir.resolve("blobs/sha256/" + d.encoded()), memory.root.bytes());
    }

    assertThat(Files.readString(dir.resolve("index.json")))
        .contains("\"io.containerd.image.name\":\"docker.io/library/nginx:1.27\"")
        .contains("\"org.opencontainers.image.ref.name\":\"1.27\"");
    assertThat(OciLayoutSource.directory(dir, "nginx:1.27").root().digest()).isEqualTo(memory.root.digest());
    assertThat(OciLayoutSource.directory(dir, "docker.io/library/nginx:1.27").root().digest())
        .isEqualTo(memory.root.digest());
  }

  @Test
  void badLayoutsGetTypedErrorsNamingTheDirectory() throws IOException {
    Path missing = work.resolve("nope");
    assertThatThrownBy(() -> OciLayoutSource.directory(missing, "x"))
        .isInstanceOfSatisfying(ImageLocationException.class, e -> {
          assertThat(e.problem()).isEqualTo(Problem.MISSING);
          assertThat(e.path()).isEqualTo(missing);
        }).hasMessageContaining(missing.toString());

    Path plain = Files.createDirectories(work.resolve("plain"));
    assertThatThrownBy(() -> OciLayoutSource.directory(plain, "x")).isInstanceOf(ImageLocationException.class)
        .hasMessageContaining("no oci-layout file");

    MemoryImage memory = new MemoryImage();
    memory.image(false, "linux/amd64", "x");
    Path dir = work.resolve("layout");
    MemoryImage.copy(memory, OciLayoutSink.open(dir, "v1"));
    assertThatThrownBy(() -> OciLayoutSource.directory(dir, "v2"))
        .isInstanceOfSatisfying(ImageLocationException.class,
            e -> assertThat(e.problem()).isEqualTo(Problem.NAME_NOT_FOUND))
        .hasMessageContaining("\"v2\"").hasMessageContaining("\"v1\"");

    Files.writeString(plain.resolve("stray.txt"), "not a layout");
    assertThatThrownBy(() -> OciLayoutSink.open(plain, "x")).isInstanceOf(ImageLocationException.class)
        .hasMessageContaining("other content");
  }

  @Test
  void aBlobWhoseBytesChangedFailsNamingItsFile() throws IOException {
    MemoryImage memory = new MemoryImage();
    ImageManifest image = memory.image(false, "linux/amd64", "original");
    Path dir = work.resolve("layout");
    MemoryImage.copy(memory, OciLayoutSink.open(dir, "v1"));
    Descriptor layer = image.layers().get(0);
    Path file = dir.resolve("blobs/sha256/" + layer.digest().encoded());
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 1;
    Files.write(file, bytes);

    OciLayoutSource source = OciLayoutSource.directory(dir, "v1");
    assertThatThrownBy(() -> {
      try (InputStream in = source.openBlob(layer)) {
        in.readAllBytes();
      }
    }).isInstanceOfSatisfying(ImageLocationException.class, e -> assertThat(e.problem()).isEqualTo(Problem.CORRUPT))
        .hasMessageContaining("blobs/sha256/" + layer.digest().encoded()).hasMessageContaining(dir.toString());
  }

  @Test
  void aFailedWriteLeavesNeitherAnEntryNorATemporaryFile() throws IOException {
    MemoryImage first = new MemoryImage();
    first.image(false, "linux/amd64", "first");
    Path dir = work.resolve("layout");
    MemoryImage.copy(first, OciLayoutSink.open(dir, "v1"));
    String indexBefore = Files.readString(dir.resolve("index.json"));

    MemoryImage bad = new MemoryImage();
    ImageManifest image = bad.image(false, "linux/amd64", "second");
    Descriptor layer = image.layers().get(0);
    bad.blobs.put(layer.digest(), "something else entirely".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> MemoryImage.copy(bad, OciLayoutSink.open(dir, "v2")))
        .isInstanceOfSatisfying(ImageLocationException.class, e -> assertThat(e.problem()).isEqualTo(Problem.CORRUPT));

    assertThat(Files.readString(dir.resolve("index.json"))).isEqualTo(indexBefore);
    assertThat(dir.resolve("blobs/sha256/" + layer.digest().encoded())).doesNotExist();
    try (Stream<Path> all = Files.walk(dir)) {
      assertThat(all.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".ferry-"));
    }
  }

  @Test
  void aFailedCopyIntoANewDirectoryLeavesAnEmptyLayoutThatARetryFills() throws IOException {
    MemoryImage bad = new MemoryImage();
    ImageManifest image = bad.image(false, "linux/amd64", "retried");
    byte[] good = bad.blobs.get(image.layers().get(0).digest());
    bad.blobs.put(image.layers().get(0).digest(), "not the layer".getBytes(StandardCharsets.UTF_8));
    Path dir = work.resolve("new-layout");

    assertThatThrownBy(() -> MemoryImage.copy(bad, OciLayoutSink.open(dir, "v1")))
        .isInstanceOfSatisfying(ImageLocationException.class, e -> assertThat(e.problem()).isEqualTo(Problem.CORRUPT));
    assertThat(LayoutIndex.read(new DirectoryFiles(dir))).isEmpty();
    bad.blobs.put(image.layers().get(0).digest(), good);
    MemoryImage.copy(bad, OciLayoutSink.open(dir, "v1"));

    assertThat(OciLayoutSource.directory(dir, "v1").root().digest()).isEqualTo(image.digest());
  }
}
