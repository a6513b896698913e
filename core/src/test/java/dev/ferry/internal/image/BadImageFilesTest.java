package dev.ferry.internal.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.copy.CopyOperation;
import dev.ferry.copy.ImageLocation;
import dev.ferry.copy.ImageLocationException;
import dev.ferry.copy.ImageLocationException.Problem;
import dev.ferry.manifest.ImageManifest;
import dev.ferry.registry.RegistryClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15's bad input, each through a whole copy: a typed {@link ImageLocationException} naming the
 * file at fault and what is wrong, and nothing written at the destination (no entry, no archive,
 * no temporary file left).
 */
class BadImageFilesTest {
  @TempDir
  Path work;

  private final RegistryClient client = RegistryClient.builder().build();

  @AfterEach
  void close() {
    client.close();
  }

  private void assertRefused(ImageLocation from, Path atFault, Problem problem, String... saying) throws IOException {
    Path out = work.resolve("out");
    ThrowingCallable copy = () -> CopyOperation.from(from).to(ImageLocation.ociLayout(out, "v1")).execute(client);
    assertThatThrownBy(copy).isInstanceOfSatisfying(ImageLocationException.class, e -> {
      assertThat(e.problem()).isEqualTo(problem);
      assertThat(e.path()).isEqualTo(atFault);
      assertThat(e).hasMessageStartingWith(atFault + ": ");
      for (String words : saying) {
        assertThat(e).hasMessageContaining(words);
      }
    });
    if (Files.exists(out.resolve("index.json"))) {
      assertThat(LayoutIndex.read(new DirectoryFiles(out))).as("a layout naming nothing").isEmpty();
    }
    try (Stream<Path> all = Files.walk(work)) {
      assertThat(all.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".ferry-"));
    }
  }

  private Path tar(String name, TarContent content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarWriter writer = new TarWriter(bytes)) {
      content.write(writer, bytes);
      writer.finish();
    }
    return Files.write(work.resolve(name), bytes.toByteArray());
  }

  private interface TarContent {
    void write(TarWriter writer, ByteArrayOutputStream raw) throws IOException;
  }

  private Path goodLayout(String dir, String name) {
    MemoryImage memory = new MemoryImage();
    memory.image(false, "linux/amd64", "content of " + dir);
    Path layout = work.resolve(dir);
    MemoryImage.copy(memory, OciLayoutSink.open(layout, name));
    return layout;
  }

  @Test
  void aMissingDirectoryOrArchiveIsMissing() throws IOException {
    Path dir = work.resolve("no-such-layout");
    assertRefused(ImageLocation.ociLayout(dir, "v1"), dir, Problem.MISSING, "no such directory");
    Path tar = work.resolve("no-such.tar");
    assertRefused(ImageLocation.ociArchive(tar, "v1"), tar, Problem.MISSING, "no such file");
    assertRefused(ImageLocation.dockerArchive(tar, "app:1"), tar, Problem.MISSING, "no such file");

    Path inMissingDir = work.resolve("missing-dir/app.tar");
    assertThatThrownBy(() -> CopyOperation.from(ImageLocation.ociLayout(goodLayout("good", "v1"), "v1"))
        .to(ImageLocation.ociArchive(inMissingDir, "v1")).execute(client))
        .isInstanceOfSatisfying(ImageLocationException.class, e -> {
          assertThat(e.problem()).isEqualTo(Problem.MISSING);
          assertThat(e.path()).isEqualTo(inMissingDir);
        }).hasMessageContaining("does not exist");
  }

  @Test
  void aTarThatIsNotAnImageSaysSo() throws IOException {
    Path notes = tar("notes.tar", (w, raw) -> w.file("notes.txt", "hello".getBytes(StandardCharsets.UTF_8)));
    assertRefused(ImageLocation.ociArchive(notes, "v1"), notes, Problem.NOT_AN_IMAGE, "no oci-layout file");
    assertRefused(ImageLocation.dockerArchive(notes, "app:1"), notes, Problem.NOT_AN_IMAGE, "no manifest.json");
    Path text = Files.writeString(work.resolve("text.tar"), "not a tar at all ".repeat(100));
    assertRefused(ImageLocation.ociArchive(text, "v1"), text, Problem.NOT_AN_IMAGE, "not a tar archive");
  }

  @Test
  void aLayoutOrArchiveWithoutTheNameListsTheNamesItHas() throws IOException {
    Path layout = goodLayout("named", "v1");
    assertRefused(ImageLocation.ociLayout(layout, "v2"), layout, Problem.NAME_NOT_FOUND, "\"v2\"", "\"v1\"");
    Path archive = work.resolve("named.oci.tar");
    CopyOperation.from(ImageLocation.ociLayout(layout, "v1")).to(ImageLocation.ociArchive(archive, "app:1"))
        .execute(client);
    assertRefused(ImageLocation.ociArchive(archive, "app:2"), archive, Problem.NAME_NOT_FOUND, "\"app:2\"",
        "\"app:1\"");
  }

  @Test
  void bytesThatDoNotMatchTheirDigestAreCorruptNamingTheFile() throws IOException {
    MemoryImage memory = new MemoryImage();
    ImageManifest image = memory.image(false, "linux/amd64", "will be altered");
    Path layout = work.resolve("altered");
    MemoryImage.copy(memory, OciLayoutSink.open(layout, "v1"));
    Path archive = work.resolve("altered.oci.tar");
    MemoryImage.copy(memory, ArchiveSink.ociArchive(archive, "v1"));
    String layerPath = "blobs/sha256/" + image.layers().get(0).digest().encoded();

    flipByte(layout.resolve(layerPath), 20);
    assertRefused(ImageLocation.ociLayout(layout, "v1"), layout, Problem.CORRUPT, layerPath);

    flipByte(archive, TarIndex.scan(archive).entry(layerPath).orElseThrow().dataOffset() + 20);
    assertRefused(ImageLocation.ociArchive(archive, "v1"), archive, Problem.CORRUPT, layerPath);

    Path manifestFile = layout.resolve("blobs/sha256/" + image.digest().encoded());
    Files.writeString(manifestFile, Files.readString(manifestFile).replace("\"schemaVersion\":2", "\"schemaVersion\":2 "));
    assertRefused(ImageLocation.ociLayout(layout, "v1"), layout, Problem.CORRUPT,
        "blobs/sha256/" + image.digest().encoded());
  }

  @Test
  void entriesEscapingTheArchiveLinksAndDevicesAreUnsafe() throws IOException {
    Path dotDot = tar("dotdot.tar", (w, raw) -> {
      w.file("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
      w.file("blobs/../../outside", "x".getBytes(StandardCharsets.UTF_8));
    });
    assertRefused(ImageLocation.ociArchive(dotDot, "v1"), dotDot, Problem.UNSAFE_ENTRY, "blobs/../../outside");

    Path symlink = tar("symlink.tar", (w, raw) -> {
      w.file("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
      raw.write(TarHeaders.header("index.json", 0, '2'));
    });
    assertRefused(ImageLocation.ociArchive(symlink, "v1"), symlink, Problem.UNSAFE_ENTRY, "index.json", "is a link");

    Path device = tar("device.tar", (w, raw) -> raw.write(TarHeaders.header("dev/sda", 0, '4')));
    assertRefused(ImageLocation.ociArchive(device, "v1"), device, Problem.UNSAFE_ENTRY, "dev/sda", "device");
    Path fifo = tar("fifo.tar", (w, raw) -> raw.write(TarHeaders.header("pipe", 0, '6')));
    assertRefused(ImageLocation.dockerArchive(fifo, "app:1"), fifo, Problem.UNSAFE_ENTRY, "pipe", "FIFO");
  }

  private static void flipByte(Path file, long at) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer one = ByteBuffer.allocate(1);
      channel.read(one, at);
      one.put(0, (byte) (one.get(0) ^ 1)).rewind();
      channel.write(one, at);
    }
  }
}
