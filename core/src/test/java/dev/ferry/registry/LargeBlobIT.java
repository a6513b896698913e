package dev.ferry.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.it.DockerRegistryProcess;
import dev.ferry.it.GeneratedBlob;
import dev.ferry.manifest.Descriptor;
import dev.ferry.reference.ImageReference;
import java.io.InputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 1 GiB blob streamed up, down, and from one repository straight into another,
 * in a JVM whose heap is capped at 64 MiB (the failsafe execution that runs this
 * class sets {@code -Xmx64m}): buffering any blob whole would fail with OutOfMemoryError.
 */
class LargeBlobIT {
  private static final long GIB = 1024L * 1024 * 1024;

  @TempDir
  Path work;

  @Test
  void streamsAOneGibBlobThroughASmallHeap() throws Exception {
    assertThat(Runtime.getRuntime().maxMemory()).as("run with -Xmx64m").isLessThanOrEqualTo(96L * 1024 * 1024);
    GeneratedBlob content = new GeneratedBlob(GIB, 42);
    Descriptor blob = Descriptor.of("application/octet-stream", content.digest(), content.size());

    try (DockerRegistryProcess registry = DockerRegistryProcess.start(work.resolve("registry"));
        RegistryClient client = RegistryClient.builder().plainHttp(registry.address()).build()) {
      ImageReference source = ImageReference.parse(registry.address() + "/large/source");
      ImageReference target = ImageReference.parse(registry.address() + "/large/target");

      BlobPushResult pushed = client.pushBlob(source, blob, content::open);
      assertThat(pushed.bytesSent()).isEqualTo(GIB);

      long read = 0;
      byte[] buffer = new byte[64 * 1024];
      try (InputStream in = client.openBlob(source, blob)) {
        for (int n; (n = in.read(buffer)) > 0; ) {
          read += n;
        }
      }
      assertThat(read).isEqualTo(GIB);

      BlobPushResult copied = client.pushBlob(target, blob, BlobSource.fromRegistry(client, source, blob),
          BlobPushOptions.defaults().mode(UploadMode.CHUNKED).chunkSize(128L * 1024 * 1024));
      assertThat(copied.mounted()).isFalse();
      assertThat(client.headBlob(target, blob.digest())).contains(GIB);
    }
  }
}
