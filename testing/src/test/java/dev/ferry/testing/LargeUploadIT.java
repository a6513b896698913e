package dev.ferry.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.manifest.Descriptor;
import dev.ferry.reference.Digest;
import dev.ferry.registry.BlobPushOptions;
import dev.ferry.registry.BlobSource;
import dev.ferry.registry.RegistryClient;
import dev.ferry.registry.UploadMode;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 1 GiB blob through directory storage in a 64 MiB heap (failsafe runs this with -Xmx64m). */
class LargeUploadIT {
  private static final long SIZE = 1L << 30;

  @TempDir
  Path dir;

  /** Deterministic random bytes, generated again at every open. */
  private static InputStream generated(long size) {
    return new InputStream() {
      private final SplittableRandom random = new SplittableRandom(42);
      private long left = size;

      @Override
      public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (left == 0) {
          return -1;
        }
        int n = (int) Math.min(len, left);
        for (int i = 0; i < n; i++) {
          b[off + i] = (byte) random.nextInt();
        }
        left -= n;
        return n;
      }
    };
  }

  @Test
  void uploadsAndReadsBackOneGibibyteWithoutGrowingTheHeap() throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (InputStream in = new DigestInputStream(generated(SIZE), sha)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    Digest digest = new Digest(Digest.SHA256, HexFormat.of().formatHex(sha.digest()));
    Descriptor blob = Descriptor.of("application/octet-stream", digest, SIZE);
    BlobSource source = offset -> {
      InputStream in = generated(SIZE);
      in.skipNBytes(offset);
      return in;
    };
    try (EmbeddedRegistry registry = EmbeddedRegistry.builder().directory(dir).start();
         RegistryClient client = RegistryClient.builder().plainHttp(registry.address()).build()) {
      client.pushBlob(registry.reference("big/blob"), blob, source,
          BlobPushOptions.defaults().mode(UploadMode.STREAMED));

      assertThat(client.headBlob(registry.reference("big/blob"), digest)).contains(SIZE);
      try (InputStream in = client.openBlob(registry.reference("big/blob"), blob)) {
        assertThat(in.transferTo(OutputStream.nullOutputStream())).isEqualTo(SIZE);
      }
    }
  }
}
