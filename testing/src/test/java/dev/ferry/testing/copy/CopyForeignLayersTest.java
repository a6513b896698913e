package dev.ferry.testing.copy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.copy.CopyOperation;
import dev.ferry.copy.CopyResult;
import dev.ferry.manifest.Descriptor;
import dev.ferry.manifest.Manifest;
import dev.ferry.manifest.MediaTypes;
import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.BlobSource;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Non-distributable layers (Windows base layers): left where their URLs point unless asked for. */
class CopyForeignLayersTest {
  private final TwoRegistries registries = new TwoRegistries();
  private final byte[] config = "{\"architecture\":\"amd64\",\"os\":\"windows\"}".getBytes(StandardCharsets.UTF_8);
  private final byte[] layer = bytes(3_000, 1);
  private final byte[] foreign = bytes(5_000, 2);

  @AfterEach
  void stop() {
    registries.close();
  }

  private static byte[] bytes(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static String descriptor(String mediaType, byte[] content, String extra) {
    return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + Digest.sha256(content) + "\",\"size\":"
        + content.length + extra + "}";
  }

  /** An image whose first layer is foreign; the source holds that layer's bytes only if asked. */
  private ImageReference pushWindowsImage(String repositoryAndTag, boolean sourceHasForeignLayer) {
    ImageReference ref = registries.src(repositoryAndTag);
    ImageReference repository = ref.withoutTag();
    for (byte[] blob : sourceHasForeignLayer ? new byte[][] {config, layer, foreign} : new byte[][] {config, layer}) {
      registries.client.pushBlob(repository, Descriptor.of("application/octet-stream", Digest.sha256(blob),
          blob.length), BlobSource.of(blob));
    }
    String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_IMAGE_MANIFEST + "\",\"config\":"
        + descriptor(MediaTypes.OCI_IMAGE_CONFIG, config, "") + ",\"layers\":["
        + descriptor(MediaTypes.OCI_LAYER_NONDISTRIBUTABLE_TAR_GZIP, foreign,
            ",\"urls\":[\"http://127.0.0.1:1/windows/base.tar.gz\"]") + ","
        + descriptor(MediaTypes.OCI_LAYER_TAR_GZIP, layer, "") + "]}";
    registries.client.pushManifest(ref,
        Manifest.parse(json.getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_IMAGE_MANIFEST));
    return ref;
  }

  @Test
  void aForeignLayerIsNeitherReadNorWrittenByDefaultAndTheDigestIsKept() {
    ImageReference source = pushWindowsImage("win/app:1", false);
    Digest foreignDigest = Digest.sha256(foreign);

    CopyResult result = CopyOperation.from(source).to(registries.dst("win/app:1")).execute(registries.client);

    assertThat(result.digest()).isEqualTo(result.sourceDigest());
    assertThat(result.blobsCopied()).isEqualTo(2);
    assertThat(registries.source.requests()).noneMatch(c -> c.path().endsWith("/blobs/" + foreignDigest));
    assertThat(registries.destination.requests()).noneMatch(c -> c.path().contains(foreignDigest.toString()));
    assertThat(registries.client.headManifest(registries.dst("win/app:1")).orElseThrow().digest())
        .isEqualTo(result.sourceDigest());
  }

  @Test
  void aForeignLayerIsCopiedWhenAsked() {
    ImageReference source = pushWindowsImage("win/all:1", true);

    CopyResult result = CopyOperation.from(source).to(registries.dst("win/all:1")).includeForeignLayers(true)
        .execute(registries.client);

    assertThat(result.blobsCopied()).isEqualTo(3);
    assertThat(registries.client.headBlob(registries.dst("win/all"), Digest.sha256(foreign)))
        .contains((long) foreign.length);
  }
}
