package dev.ferry.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.it.DockerRegistryProcess;
import dev.ferry.it.GeneratedBlob;
import dev.ferry.it.TamperingProxy;
import dev.ferry.manifest.Descriptor;
import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Uploads to a real docker-registry whose connection is reset after 1 MiB of the first
 * upload body: every mode recovers (monolithic by restarting, streamed and chunked by asking
 * the registry how far it got), and no session is left in the registry's {@code _uploads}.
 */
class UploadRecoveryIT {
  private static final int MIB = 1024 * 1024;

  @TempDir
  static Path work;

  private static DockerRegistryProcess registry;
  private static RegistryClient direct;

  @BeforeAll
  static void start() {
    registry = DockerRegistryProcess.start(work.resolve("registry"));
    direct = RegistryClient.builder().plainHttp(registry.address()).build();
  }

  @AfterAll
  static void stop() {
    if (direct != null) {
      direct.close();
    }
    if (registry != null) {
      registry.close();
    }
  }

  private static Descriptor descriptor(GeneratedBlob content) {
    try (InputStream in = content.open(0)) {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[64 * 1024];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        sha256.update(buffer, 0, n);
      }
      return Descriptor.of("application/octet-stream", Digest.parse("sha256:" + HexFormat.of().formatHex(
          sha256.digest())), content.size());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Upload sessions docker-registry has directories for (a cancelled one may leave an empty hash state). */
  private static List<Path> openSessions(String repository) throws IOException {
    Path uploads = uploads(repository);
    if (!Files.isDirectory(uploads)) {
      return List.of();
    }
    try (Stream<Path> sessions = Files.list(uploads)) {
      return sessions.toList();
    }
  }

  /** The sizes of the upload data docker-registry still holds for the repository. */
  private static List<Long> uploadData(String repository) throws IOException {
    Path uploads = uploads(repository);
    if (!Files.isDirectory(uploads)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(uploads)) {
      return files.filter(f -> f.getFileName().toString().equals("data")).map(f -> {
        try {
          return Files.size(f);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).toList();
    }
  }

  private static Path uploads(String repository) {
    return work.resolve("registry/storage/docker/registry/v2/repositories/" + repository + "/_uploads");
  }

  @ParameterizedTest
  @EnumSource(UploadMode.class)
  void anUploadResetAfterOneMebibyteOfBodyRecoversAndLeavesNoSession(UploadMode mode) throws IOException {
    String repository = "recover/" + mode.name().toLowerCase();
    GeneratedBlob content = new GeneratedBlob(4 * MIB, mode.ordinal());
    Descriptor blob = descriptor(content);
    List<Duration> waits = new CopyOnWriteArrayList<>();
    try (TamperingProxy proxy = TamperingProxy.resetUploads(registry.address(), MIB, 1);
        RegistryClient client = RegistryClient.builder().plainHttp(proxy.address()).sleeper(waits::add).build()) {
      client.pushBlob(ImageReference.parse(proxy.address() + "/" + repository), blob, offset -> content.open(offset),
          BlobPushOptions.defaults().mode(mode).chunkSize(3 * MIB));
      assertThat(proxy.tampered()).isEqualTo(1);
    }

    assertThat(waits).hasSize(1);
    try (InputStream in = direct.openBlob(ImageReference.parse(registry.address() + "/" + repository), blob)) {
      assertThat(in.transferTo(OutputStream.nullOutputStream())).isEqualTo(blob.size());
    }
    // distribution refuses every request to a session whose body was cut (its state token no longer
    // matches the data), so the cut session's partial data waits for the registry's purge; nothing else stays
    assertThat(uploadData(repository)).hasSizeLessThanOrEqualTo(1).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(MIB));
  }

  @Test
  void anUploadAbandonedMidBodyIsCancelledAtTheRegistry() throws Exception {
    String repository = "recover/abandoned";
    GeneratedBlob content = new GeneratedBlob(4 * MIB, 42);
    Descriptor blob = descriptor(content);
    CountDownLatch stalled = new CountDownLatch(1);
    CountDownLatch cancel = new CountDownLatch(1);
    // the source delivers 1 MiB, then stalls until the copy is cancelled, which closes it
    BlobSource stalling = offset -> new InputStream() {
      private final InputStream in = content.open(offset);
      private long read;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (read >= MIB) {
          stalled.countDown();
          try {
            cancel.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          throw new IOException("stream closed");
        }
        int n = in.read(b, off, (int) Math.min(len, MIB - read));
        read += n;
        return n;
      }
    };
    ImageReference target = ImageReference.parse(registry.address() + "/" + repository);
    CompletableFuture<BlobPushResult> upload = CompletableFuture.supplyAsync(() -> direct.pushBlob(target, blob,
        stalling, BlobPushOptions.defaults().mode(UploadMode.STREAMED)));
    assertThat(stalled.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(openSessions(repository)).hasSize(1);
    assertThat(uploadData(repository)).hasSize(1);

    cancel.countDown();

    assertThatThrownBy(() -> upload.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(TransportException.class);
    assertThat(uploadData(repository)).isEmpty();
  }
}
