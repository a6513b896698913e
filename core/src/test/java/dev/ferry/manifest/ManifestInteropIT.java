package dev.ferry.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.it.DockerRegistryProcess;
import dev.ferry.it.OciLayout;
import dev.ferry.it.Skopeo;
import dev.ferry.it.TarGz;
import dev.ferry.reference.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manifest model against manifests that real tools wrote and a real registry
 * served: skopeo pushes an index we built into Debian's docker-registry, converts
 * it to Docker formats, and Ferry must parse what comes back, byte for byte.
 */
class ManifestInteropIT {
  @TempDir
  static Path work;

  private static DockerRegistryProcess registry;
  private static Skopeo skopeo;
  private static OciLayout layout;
  private static ImageIndex builtIndex;
  private static final Map<String, Digest> CONFIG_BY_ARCH = new LinkedHashMap<>();

  @BeforeAll
  static void pushTwoPlatformImageWithSkopeo() {
    skopeo = Skopeo.require();
    registry = DockerRegistryProcess.start(work.resolve("registry"));
    layout = new OciLayout(work.resolve("layout"));

    byte[] tar = TarGz.tar("hello.txt", "hello from ferry\n".getBytes(StandardCharsets.UTF_8));
    byte[] layer = TarGz.gzip(tar);
    Digest layerDigest = layout.blob(layer);
    IndexBuilder index = IndexBuilder.oci();
    for (String arch : new String[] {"amd64", "arm64"}) {
      byte[] config = ("{\"architecture\":\"" + arch + "\",\"os\":\"linux\",\"config\":{},"
          + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + Digest.sha256(tar) + "\"]},"
          + "\"history\":[{\"created_by\":\"ferry interop test\"}]}")
          .getBytes(StandardCharsets.UTF_8);
      Digest configDigest = layout.blob(config);
      CONFIG_BY_ARCH.put(arch, configDigest);
      byte[] manifest = ("{\n  \"schemaVersion\": 2,\n  \"mediaType\": \"" + MediaTypes.OCI_IMAGE_MANIFEST + "\",\n"
          + "  \"config\": {\"mediaType\": \"" + MediaTypes.OCI_IMAGE_CONFIG + "\", \"digest\": \"" + configDigest
          + "\", \"size\": " + config.length + "},\n"
          + "  \"layers\": [{\"mediaType\": \"" + MediaTypes.OCI_LAYER_TAR_GZIP + "\", \"digest\": \"" + layerDigest
          + "\", \"size\": " + layer.length + "}]\n}\n").getBytes(StandardCharsets.UTF_8);
      layout.blob(manifest);
      index.add(Manifest.parse(manifest, MediaTypes.OCI_IMAGE_MANIFEST), Platform.of("linux", arch));
    }
    builtIndex = index.build();
    layout.blob(builtIndex.bytes());
    layout.tag("v1", builtIndex.mediaType(), builtIndex.digest(), builtIndex.size());

    skopeo.ok("copy", "--all", "--dest-tls-verify=false",
        "oci:" + layout.dir() + ":v1", "docker://" + registry.address() + "/interop/oci:v1");
    skopeo.ok("copy", "--all", "--format", "v2s2", "--dest-tls-verify=false",
        "oci:" + layout.dir() + ":v1", "docker://" + registry.address() + "/interop/docker:v1");
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  private record Served(byte[] body, String contentType, String digestHeader) {}

  private static Served get(String repository, String reference) throws IOException {
    URI uri = URI.create("http://" + registry.address() + "/v2/" + repository + "/manifests/" + reference);
    HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
    c.setRequestProperty("Accept", String.join(", ", MediaTypes.MANIFEST_ACCEPT));
    assertThat(c.getResponseCode()).as("GET %s:%s\n%s", repository, reference, registry.logTail())
        .isEqualTo(200);
    try (InputStream in = c.getInputStream()) {
      byte[] body = in.readAllBytes();
      String contentType = c.getHeaderField("Content-Type");
      String digest = c.getHeaderField("Docker-Content-Digest");
      return new Served(body, contentType == null ? "" : contentType, digest == null ? "" : digest);
    } finally {
      c.disconnect();
    }
  }

  @Test
  void indexPushedBySkopeoComesBackWithOurExactBytesAndDigest() throws IOException {
    Served served = get("interop/oci", "v1");

    Manifest parsed = Manifest.parse(served.body(), served.contentType());

    assertThat(parsed).isInstanceOf(ImageIndex.class).isEqualTo(builtIndex);
    assertThat(parsed.bytes()).isEqualTo(builtIndex.bytes());
    assertThat(parsed.digest().toString()).isEqualTo(served.digestHeader());
    Path file = Files.write(work.resolve("index.json"), served.body());
    assertThat(skopeo.ok("manifest-digest", file.toString()).out().trim())
        .isEqualTo(parsed.digest().toString());
  }

  @Test
  void dockerManifestListWrittenBySkopeoSelectsEachPlatform() throws IOException {
    Served served = get("interop/docker", "v1");

    ImageIndex list = (ImageIndex) Manifest.parse(served.body(), served.contentType());

    assertThat(list.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST_LIST);
    assertThat(list.digest().toString()).isEqualTo(served.digestHeader());
    assertThat(list.platforms()).containsExactly(Platform.of("linux", "amd64"), Platform.of("linux", "arm64"));
    for (String arch : CONFIG_BY_ARCH.keySet()) {
      Descriptor child = list.select(PlatformMatcher.compatible(Platform.parse("linux/" + arch))).orElseThrow();
      Served childServed = get("interop/docker", child.digest().toString());
      ImageManifest image = (ImageManifest) Manifest.parse(childServed.body(), childServed.contentType(),
          child.digest());
      assertThat(image.isDocker()).isTrue();
      assertThat(image.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST_V2);
      assertThat(image.config().digest()).isEqualTo(CONFIG_BY_ARCH.get(arch));
      assertThat(image.config().mediaType()).isEqualTo(MediaTypes.DOCKER_CONTAINER_CONFIG);
      assertThat(image.layers()).singleElement()
          .satisfies(l -> assertThat(l.mediaType()).isEqualTo(MediaTypes.DOCKER_LAYER_TAR_GZIP));
    }
    assertThatThrownBy(() -> list.require(PlatformMatcher.strict(Platform.parse("linux/s390x"))))
        .isInstanceOf(PlatformNotFoundException.class)
        .hasMessageContaining("linux/amd64")
        .hasMessageContaining("linux/arm64");
  }

  @Test
  void schemaOneWrittenBySkopeoIsRefusedWithAClearError() throws IOException {
    Path dir = work.resolve("schema1");
    skopeo.ok("--override-arch", "amd64", "copy", "--format", "v2s1",
        "oci:" + layout.dir() + ":v1", "dir:" + dir);
    byte[] schema1 = Files.readAllBytes(dir.resolve("manifest.json"));

    for (String contentType : new String[] {MediaTypes.DOCKER_MANIFEST_V1_SIGNED, "application/json", ""}) {
      assertThatThrownBy(() -> Manifest.parse(schema1, contentType))
          .as("content type %s", contentType)
          .isInstanceOf(UnsupportedManifestException.class)
          .hasMessageContaining("schema 1");
    }
  }
}
