package dev.ferry.migrate;

import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryClient;
import dev.ferry.testing.TestImage;
import dev.ferry.testing.TestImages;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The fixture repository of {@code src/test/resources/fixture-repo}, laid into a directory with
 * {@code SRC} replaced by the source registry's address, plus a CRLF file and an executable
 * Dockerfile; and the images it names, pushed to that registry.
 */
final class FixtureRepo {
  /** The images the fixture names that exist at the source ({@code library/missing:1.0} does not). */
  static final List<String> IMAGES = List.of("library/python:3.12", "tools/busybox:1.36", "distroless/static:nonroot",
      "library/nginx:1.27", "library/redis:7", "bitnami/redis:7.2.5");

  static final String CRLF_FILE = "k8s/crlf.yaml";

  private FixtureRepo() {}

  static Path lay(Path dir, String sourceHost) throws IOException {
    Path root;
    try {
      root = Path.of(FixtureRepo.class.getResource("/fixture-repo").toURI());
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path target = dir.resolve(root.relativize(file).toString());
        Files.createDirectories(target.getParent());
        try (InputStream in = Files.newInputStream(file)) {
          String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          Files.writeString(target, text.replace("SRC", sourceHost));
        }
      }
    }
    Files.writeString(dir.resolve(CRLF_FILE), ("apiVersion: v1\r\nkind: Pod\r\nspec:\r\n  containers:\r\n"
        + "  - name: c # crlf\r\n    image: SRC/library/redis:7 # crlf\r\n").replace("SRC", sourceHost));
    Files.setPosixFilePermissions(dir.resolve("Dockerfile"), PosixFilePermissions.fromString("rwxr-x---"));
    return dir;
  }

  /** Pushes every image of {@link #IMAGES} (the first two with two platforms) and returns them by name. */
  static Map<String, TestImage> seed(RegistryClient client, String sourceHost) {
    Map<String, TestImage> out = new LinkedHashMap<>();
    long seed = 1;
    for (String name : IMAGES) {
      TestImages images = TestImages.image().seed(seed++);
      if (out.size() < 2) {
        images = images.platforms("linux/amd64", "linux/arm64");
      }
      out.put(name, images.push(client, ImageReference.parse(sourceHost + "/" + name)));
    }
    return out;
  }

  /** Every file of a tree and its bytes, by relative path. */
  static Map<String, byte[]> snapshot(Path dir) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        out.put(dir.relativize(file).toString(), Files.readAllBytes(file));
      }
    }
    return out;
  }
}
