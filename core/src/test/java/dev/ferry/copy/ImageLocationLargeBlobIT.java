package dev.ferry.copy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.it.DockerRegistryProcess;
import dev.ferry.it.GeneratedBlob;
import dev.ferry.manifest.Descriptor;
import dev.ferry.manifest.ImageManifest;
import dev.ferry.manifest.Manifest;
import dev.ferry.manifest.MediaTypes;
import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.BlobSource;
import dev.ferry.registry.RegistryClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 512 MiB layer from a registry into an OCI archive and a layout directory and from
 * both into another registry, in a JVM whose heap is capped at 64 MiB (the failsafe
 * execution that runs this class sets {@code -Xmx64m}): buffering the layer whole, or
 * the archive, would fail with OutOfMemoryError.
 */
class ImageLocationLargeBlobIT {
  private static final long SIZE = 512L * 1024 * 1024;

  @TempDir
  Path work;

  @Test
  void streamsA512MibLayerThroughArchiveAndLayoutInASmallHeap() {
    assertThat(Runtime.getRuntime().maxMemory()).as("run with -Xmx64m").isLessThanOrEqualTo(96L * 1024 * 1024);
    GeneratedBlob content = new GeneratedBlob(SIZE, 7);
    Descriptor layer = Descriptor.of(MediaTypes.OCI_LAYER_TAR_GZIP, content.digest(), SIZE);

    try (DockerRegistryProcess a = DockerRegistryProcess.start(work.resolve("a"));
        DockerRegistryProcess b = DockerRegistryProcess.start(work.resolve("b"));
        RegistryClient client = RegistryClient.builder().plainHttp(a.address(), b.address()).build()) {
      ImageReference source = ImageReference.parse(a.address() + "/large/app:1");
      client.pushBlob(source.withoutTag(), layer, content::open);
      byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
      Descriptor c = Descriptor.of(MediaTypes.OCI_IMAGE_CONFIG, Digest.sha256(config), config.length);
      client.pushBlob(source.withoutTag(), c, BlobSource.of(config));
      Manifest image = Manifest.parse(("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_IMAGE_MANIFEST
          + "\",\"config\":{\"mediaType\":\"" + c.mediaType() + "\",\"digest\":\"" + c.digest() + "\",\"size\":"
          + c.size() + "},\"layers\":[{\"mediaType\":\"" + layer.mediaType() + "\",\"digest\":\"" + layer.digest()
          + "\",\"size\":" + SIZE + "}]}").getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_IMAGE_MANIFEST);
      client.pushManifest(source, image);
      Path tar = work.resolve("large.oci.tar");
      Path layout = work.resolve("layout");

      CopyOperation.from(ImageLocation.of(source))
          .to(ImageLocation.ociArchive(tar, "1"), ImageLocation.ociLayout(layout, "1")).execute(client);
      CopyResult fromTar = CopyOperation.from(ImageLocation.ociArchive(tar, "1"))
          .to(ImageLocation.of(ImageReference.parse(b.address() + "/large/from-tar:1"))).execute(client);
      CopyResult fromLayout = CopyOperation.from(ImageLocation.ociLayout(layout, "1"))
          .to(ImageLocation.of(ImageReference.parse(b.address() + "/large/from-layout:1"))).execute(client);

      assertThat(((ImageManifest) image).layers()).containsExactly(layer);
      assertThat(fromTar.digest()).isEqualTo(image.digest());
      assertThat(fromTar.bytesTransferred()).isGreaterThanOrEqualTo(SIZE);
      assertThat(fromLayout.digest()).isEqualTo(image.digest());
      assertThat(client.headBlob(ImageReference.parse(b.address() + "/large/from-tar"), layer.digest()))
          .contains(SIZE);
      assertThat(Files.size(tar)).isGreaterThan(SIZE);
      assertThat(layout.resolve("blobs/sha256/" + layer.digest().encoded())).hasSize(SIZE);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
