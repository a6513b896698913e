package dev.ferry.internal.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.copy.ImageLocationException;
import dev.ferry.copy.ImageLocationException.Problem;
import dev.ferry.it.TarGz;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarIndexTest {
  @TempDir
  Path work;

  private Path tar(String file, Entry... entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarWriter writer = new TarWriter(bytes)) {
      for (Entry e : entries) {
        if (e.type == '0') {
          writer.file(e.name, e.content.getBytes(StandardCharsets.UTF_8));
        } else {
          bytes.write(TarHeaders.header(e.name, 0, e.type));
        }
      }
      writer.finish();
    }
    return Files.write(work.resolve(file), bytes.toByteArray());
  }

  private record Entry(String name, char type, String content) {}

  private static Entry file(String name, String content) {
    return new Entry(name, '0', content);
  }

  @Test
  void findsEntriesWhateverTheirSpellingAndReadsThemInPlace() throws IOException {
    Path tar = tar("a.tar", file("./index.json", "{}"), file("blobs/sha256/ab", "hello"), file("z", "last"));
    TarIndex index = TarIndex.scan(tar);

    assertThat(index.entry("index.json")).isPresent();
    try (InputStream in = index.open(index.file("blobs//sha256/ab/", "a blob"))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
    }
  }

  @Test
  void readsSizesBeyondTheOctalFieldWrittenInBase256() {
    byte[] header = TarHeaders.header("big", 10L * 1024 * 1024 * 1024, '0');
    assertThat(TarHeaders.checksumOk(header)).isTrue();
    assertThat(TarHeaders.size(header)).isEqualTo(10L * 1024 * 1024 * 1024);
  }

  @Test
  void refusesEntriesThatEscapeTheArchive() throws IOException {
    Path dotDot = tar("dotdot.tar", file("blobs/../../etc/passwd", "x"));
    assertThatThrownBy(() -> TarIndex.scan(dotDot))
        .isInstanceOfSatisfying(ImageLocationException.class, e -> {
          assertThat(e.problem()).isEqualTo(Problem.UNSAFE_ENTRY);
          assertThat(e.path()).isEqualTo(dotDot);
        }).hasMessageContaining("escapes the archive").hasMessageContaining("blobs/../../etc/passwd");

    Path absolute = tar("abs.tar", file("/etc/passwd", "x"));
    assertThatThrownBy(() -> TarIndex.scan(absolute)).isInstanceOf(ImageLocationException.class)
        .hasMessageContaining("absolute");
  }

  @Test
  void refusesDevicesAtOnceAndLinksWhenAnImageNamesThem() throws IOException {
    Path device = tar("dev.tar", file("oci-layout", "{}"), new Entry("blobs/sha256/x", '3', ""));
    assertThatThrownBy(() -> TarIndex.scan(device))
        .isInstanceOfSatisfying(ImageLocationException.class,
            e -> assertThat(e.problem()).isEqualTo(Problem.UNSAFE_ENTRY))
        .hasMessageContaining("device");

    Path link = tar("link.tar", file("oci-layout", "{}"), new Entry("index.json", '2', ""));
    TarIndex index = TarIndex.scan(link);
    assertThatThrownBy(() -> index.file("index.json", "the image index"))
        .isInstanceOfSatisfying(ImageLocationException.class,
            e -> assertThat(e.problem()).isEqualTo(Problem.UNSAFE_ENTRY))
        .hasMessageContaining("is a link");
  }

  @Test
  void saysWhatIsWrongWithFilesThatAreNoTar() throws IOException {
    Path text = Files.writeString(work.resolve("text.tar"), "x".repeat(2000));
    assertThatThrownBy(() -> TarIndex.scan(text))
        .isInstanceOfSatisfying(ImageLocationException.class,
            e -> assertThat(e.problem()).isEqualTo(Problem.NOT_AN_IMAGE))
        .hasMessageContaining("not a tar archive");

    Path gz = Files.write(work.resolve("a.tar.gz"), TarGz.gzip(TarGz.tar("f", new byte[600])));
    assertThatThrownBy(() -> TarIndex.scan(gz)).isInstanceOf(ImageLocationException.class)
        .hasMessageContaining("compressed");

    Path empty = Files.write(work.resolve("empty.tar"), new byte[0]);
    assertThatThrownBy(() -> TarIndex.scan(empty)).isInstanceOf(ImageLocationException.class)
        .hasMessageContaining("empty");

    assertThatThrownBy(() -> TarIndex.scan(work.resolve("missing.tar")))
        .isInstanceOfSatisfying(ImageLocationException.class, e -> assertThat(e.problem()).isEqualTo(Problem.MISSING));
  }

  @Test
  void gzipStreamOutputIsRealGzipAndTheSameEachTime() throws IOException {
    byte[] data = "layer content ".repeat(10_000).getBytes(StandardCharsets.UTF_8);
    byte[] once;
    byte[] twice;
    try (InputStream a = new GzipStream(new java.io.ByteArrayInputStream(data));
        InputStream b = new GzipStream(new java.io.ByteArrayInputStream(data))) {
      once = a.readAllBytes();
      twice = b.readAllBytes();
    }
    assertThat(once).isEqualTo(twice);
    try (InputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(once))) {
      assertThat(in.readAllBytes()).isEqualTo(data);
    }
  }
}
