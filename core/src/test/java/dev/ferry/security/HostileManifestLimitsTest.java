package dev.ferry.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ferry.FerryLimits;
import dev.ferry.manifest.InvalidManifestException;
import dev.ferry.manifest.MediaTypes;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryClient;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Manifests a hostile registry serves to break each per-manifest collection limit of
 * {@link FerryLimits}: each is refused through {@code fetchManifest} with an
 * {@link InvalidManifestException} that names the place and the limit.
 */
class HostileManifestLimitsTest {
  private final MockWebServer server = new MockWebServer();
  private RegistryClient client;
  private ImageReference image;

  @BeforeEach
  void start() throws IOException {
    server.start(InetAddress.getLoopbackAddress(), 0);
    String registry = "127.0.0.1:" + server.getPort();
    client = RegistryClient.builder().plainHttp(registry).build();
    image = ImageReference.parse(registry + "/hostile/app:1.0");
  }

  @AfterEach
  void stop() throws IOException {
    client.close();
    server.close();
  }

  private String refusal(String manifest) {
    server.enqueue(HostileBodies.manifest(manifest.getBytes(StandardCharsets.UTF_8)));
    return catchThrowableOfType(InvalidManifestException.class, () -> client.fetchManifest(image)).reason();
  }

  private static String imageManifest(String layers) {
    return "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_IMAGE_MANIFEST + "\",\"config\":"
        + HostileBodies.CONFIG + ",\"layers\":[" + layers + "]}";
  }

  /** The layer descriptor with {@code extra} fields added before its closing brace. */
  private static String layerWith(String extra) {
    String layer = HostileBodies.LAYER;
    return layer.substring(0, layer.length() - 1) + "," + extra + "}";
  }

  private static String repeat(int count, java.util.function.IntFunction<String> item) {
    return IntStream.range(0, count).mapToObj(item).collect(Collectors.joining(","));
  }

  @Test
  void refusesADescriptorWithMoreUrlsThanTheLimit() {
    String urls = repeat(FerryLimits.MAX_DESCRIPTOR_URLS + 1, i -> "\"https://127.0.0.1/" + i + "\"");

    assertThat(refusal(imageManifest(layerWith("\"urls\":[" + urls + "]")))).isEqualTo("layers[0].urls has more"
        + " than " + FerryLimits.MAX_DESCRIPTOR_URLS + " entries (FerryLimits.MAX_DESCRIPTOR_URLS)");
  }

  @Test
  void refusesAPlatformWithMoreOsFeaturesThanTheLimit() {
    String features = repeat(FerryLimits.MAX_PLATFORM_FEATURES + 1, i -> "\"f" + i + "\"");
    String index = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_IMAGE_INDEX + "\",\"manifests\":["
        + "{\"mediaType\":\"" + MediaTypes.OCI_IMAGE_MANIFEST + "\",\"digest\":\"sha256:" + "a".repeat(64)
        + "\",\"size\":10,\"platform\":{\"os\":\"windows\",\"architecture\":\"amd64\",\"os.features\":["
        + features + "]}}]}";
    server.enqueue(HostileBodies.manifest(index.getBytes(StandardCharsets.UTF_8)).newBuilder()
        .setHeader("Content-Type", MediaTypes.OCI_IMAGE_INDEX).build());

    assertThat(catchThrowableOfType(InvalidManifestException.class, () -> client.fetchManifest(image)).reason())
        .isEqualTo("manifests[0].platform.os.features has more than " + FerryLimits.MAX_PLATFORM_FEATURES
            + " entries (FerryLimits.MAX_PLATFORM_FEATURES)");
  }

  @Test
  void refusesAnAnnotationsObjectWithMoreEntriesThanTheLimit() {
    String annotations = repeat(FerryLimits.MAX_ANNOTATIONS + 1, i -> "\"k" + i + "\":\"v\"");

    assertThat(refusal(imageManifest(layerWith("\"annotations\":{" + annotations + "}"))))
        .isEqualTo("layers[0].annotations has more than " + FerryLimits.MAX_ANNOTATIONS
            + " entries (FerryLimits.MAX_ANNOTATIONS)");
  }

  @Test
  void refusesAnnotationsLargerTogetherThanTheLimit() {
    // three layers, each under the limit on its own
    String big = "x".repeat(FerryLimits.MAX_ANNOTATION_BYTES / 3 + 1);
    String layers = repeat(3, i -> layerWith("\"annotations\":{\"k\":\"" + big + "\"}"));

    assertThat(refusal(imageManifest(layers))).startsWith("the annotations of this manifest are")
        .endsWith("bytes together, more than the limit of " + FerryLimits.MAX_ANNOTATION_BYTES
            + " (FerryLimits.MAX_ANNOTATION_BYTES)");
  }

  @Test
  void refusesMoreKeptValuesThanTheLimit() {
    // 10,000 layers of 22 annotations each: every collection within its own limit, 270,000 values in all
    String annotations = "\"annotations\":{" + repeat(22, i -> "\"a" + i + "\":\"\"") + "}";
    String layers = repeat(FerryLimits.MAX_MANIFEST_LAYERS, i -> layerWith(annotations));

    assertThat(refusal(imageManifest(layers))).isEqualTo("the document has more than "
        + FerryLimits.MAX_MANIFEST_VALUES + " values (FerryLimits.MAX_MANIFEST_VALUES)");
  }
}
