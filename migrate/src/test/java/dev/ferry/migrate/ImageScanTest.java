package dev.ferry.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageScanTest {
  @TempDir
  Path dir;

  private void write(String file, String text) throws IOException {
    Files.createDirectories(dir.resolve(file).getParent());
    Files.writeString(dir.resolve(file), text);
  }

  @Test
  void walksATreeReadingFilesByTheirNamesAndSkippingVcsAndDependencyDirectories() throws IOException {
    write("Dockerfile", "FROM alpine:3.20\n");
    write("docker/Dockerfile.dev", "FROM node:20\n");
    write("docker/api.Dockerfile", "FROM golang:1.22\n");
    write("docker/Containerfile", "FROM fedora:40\n");
    write("docker/Dockerfile.dockerignore", "FROM not:an-image\n");
    write("k8s/app.yml", "spec:\n  containers:\n  - image: redis:7\n");
    write("README.md", "FROM not:read\n");
    write(".git/config.yaml", "image: not:read\n");
    write("web/node_modules/x/compose.yaml", "image: not:read\n");

    ImageScan scan = ImageScan.of(dir);

    assertThat(scan.uses()).extracting(u -> u.file().toString() + " " + u.text()).containsExactly(
        "Dockerfile alpine:3.20", "docker/Containerfile fedora:40", "docker/Dockerfile.dev node:20",
        "docker/api.Dockerfile golang:1.22", "k8s/app.yml redis:7");
    assertThat(scan.files()).hasSize(5);
    assertThat(scan.unresolved()).isEmpty();
  }

  @Test
  void scansOneFileNamedAsGiven() throws IOException {
    write("deploy/values-prod.yaml", "image:\n  repository: org/app\n  tag: v2\n");

    ImageScan scan = ImageScan.of(dir.resolve("deploy/values-prod.yaml"));

    assertThat(scan.uses()).singleElement().satisfies(u -> {
      assertThat(u.file()).isEqualTo(dir.resolve("deploy/values-prod.yaml"));
      assertThat(u.place()).isEqualTo(ImagePlace.HELM_IMAGE_MAP);
      assertThat(u.reference().toString()).isEqualTo("docker.io/org/app:v2");
    });
  }

  @Test
  void listsFilesItCannotReadInsteadOfDroppingThem() throws IOException {
    Files.write(dir.resolve("latin1.yaml"), new byte[] {'i', 'm', 'a', 'g', 'e', ':', ' ', (byte) 0xE9, '\n'});
    Files.write(dir.resolve("huge.yaml"), new byte[ImageScan.MAX_FILE_BYTES + 1]);
    write("real/Dockerfile", "FROM alpine:3.20\n");
    Files.createSymbolicLink(dir.resolve("Dockerfile"), dir.resolve("real/Dockerfile"));

    ImageScan scan = ImageScan.of(dir);

    assertThat(scan.uses()).extracting(u -> u.file().toString()).containsExactly("real/Dockerfile");
    assertThat(scan.unresolved()).extracting(u -> u.file() + ": " + u.reason()).containsExactlyInAnyOrder(
        "latin1.yaml: not UTF-8 text: not read",
        "huge.yaml: larger than the " + ImageScan.MAX_FILE_BYTES + "-byte limit: not read",
        "Dockerfile: symbolic link: not followed (its target is scanned where it lives)");
  }

  @Test
  void refusesAMissingPathAFileOfNoKnownKindAndAFailingReader() throws IOException {
    write("notes.txt", "FROM x\n");
    Reader failing = new Reader() {
      @Override
      public int read(char[] buffer, int offset, int length) throws IOException {
        throw new IOException("disk gone");
      }

      @Override
      public void close() {}
    };

    assertThatThrownBy(() -> ImageScan.of(dir.resolve("nope"))).isInstanceOf(MigrationException.class)
        .hasMessageContaining("no such file or directory");
    assertThatThrownBy(() -> ImageScan.of(dir.resolve("notes.txt"))).isInstanceOf(MigrationException.class)
        .hasMessageContaining("not a Dockerfile");
    assertThatThrownBy(() -> ImageScan.of(Path.of("notes.txt"), new StringReader("x")))
        .isInstanceOf(MigrationException.class);
    assertThatThrownBy(() -> ImageScan.of(Path.of("Dockerfile"), failing)).isInstanceOf(MigrationException.class)
        .hasMessageContaining("disk gone");
  }

  @Test
  void aliasBombsAreRefusedNotExpanded() {
    StringBuilder yaml = new StringBuilder("a0: &a0 [image, image]\n");
    for (int i = 1; i < 60; i++) {
      yaml.append("a").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a").append(i - 1)
          .append("]\n");
    }

    ImageScan scan = ImageScan.of(Path.of("bomb.yaml"), new StringReader(yaml.toString()));

    assertThat(scan.uses()).isEmpty();
    assertThat(scan.unresolved()).singleElement().satisfies(u -> assertThat(u.reason()).startsWith("not valid YAML"));
  }

  @Test
  void deeplyNestedYamlIsListedNotAStackOverflow() {
    String yaml = "[".repeat(200_000) + "]".repeat(200_000) + "\n";

    ImageScan scan = ImageScan.of(Path.of("deep.yaml"), new StringReader(yaml));

    assertThat(scan.uses()).isEmpty();
    assertThat(scan.unresolved()).singleElement().satisfies(u -> assertThat(u.place()).isEqualTo(ImagePlace.FILE));
  }
}
