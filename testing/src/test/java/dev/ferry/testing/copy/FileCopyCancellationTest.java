package dev.ferry.testing.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.copy.CopyOperation;
import dev.ferry.copy.CopyResult;
import dev.ferry.copy.ImageLocation;
import dev.ferry.reference.Digest;
import dev.ferry.testing.TestImage;
import dev.ferry.testing.TestImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Cancelling {@code executeAsync} while a large layer is being written into an OCI layout or
 * archive: the caller is not held, the layout's {@code index.json} (or the archive already there)
 * is unchanged, and the hidden temporary files are removed.
 */
class FileCopyCancellationTest {
  @AutoClose
  private final TwoRegistries registries = new TwoRegistries();

  @TempDir
  Path work;

  @ParameterizedTest
  @EnumSource(value = ImageLocation.Kind.class, names = {"OCI_LAYOUT", "OCI_ARCHIVE"})
  @Timeout(60)
  void cancelDuringALargeLayerLeavesNoHalfWrittenEntryOrArchive(ImageLocation.Kind kind) throws Exception {
    Path file = work.resolve(kind == ImageLocation.Kind.OCI_LAYOUT ? "layout" : "app.oci.tar");
    ImageLocation target = kind == ImageLocation.Kind.OCI_LAYOUT ? ImageLocation.ociLayout(file, "app")
        : ImageLocation.ociArchive(file, "app");
    TestImage old = TestImages.image().layerSizes(1_000).seed(1).push(registries.source, "cancel/app:old");
    CopyOperation.from(ImageLocation.of(old.reference())).to(target).execute(registries.client);
    Path visible = kind == ImageLocation.Kind.OCI_LAYOUT ? file.resolve("index.json") : file;
    byte[] before = Files.readAllBytes(visible);
    TestImage large = TestImages.image().layerSizes(600_000, 3_000).seed(2).push(registries.source, "cancel/app:new");
    Digest layer = large.layers().get(0);
    registries.source.throttleBlobDownloads(30_000, TwoRegistries.blobGet(layer));
    CompletableFuture<CopyResult> future = CopyOperation.from(ImageLocation.of(large.reference())).to(target)
        .executor(registries.pool).executeAsync(registries.client);
    registries.awaitDownloadStarted(layer);
    awaitTemporaries(true);

    long start = System.nanoTime();
    boolean cancelled = future.cancel(true);
    Duration held = Duration.ofNanos(System.nanoTime() - start);

    assertThat(cancelled).isTrue();
    assertThat(held).isLessThan(Duration.ofSeconds(3));
    assertThatThrownBy(future::join).isInstanceOf(CancellationException.class);
    assertThat(registries.transfersStopped()).as("the transfer threads stopped").isTrue();
    awaitTemporaries(false);
    assertThat(Files.readAllBytes(visible)).as("what the name showed before").isEqualTo(before);
    if (kind == ImageLocation.Kind.OCI_LAYOUT) {
      assertThat(file.resolve("blobs/sha256/" + layer.encoded())).doesNotExist();
    } else {
      assertThat(files()).containsExactly(file);
    }
  }

  /** Polls (bounded) until a hidden temporary file of Ferry's exists under the work directory, or none does. */
  private void awaitTemporaries(boolean present) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (files().stream().anyMatch(p -> p.getFileName().toString().contains(".ferry-")) != present) {
      assertThat(System.nanoTime()).as(present ? "a temporary file appears" : "the temporary files are removed")
          .isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  /** The files under the work directory; a walk that meets a file being deleted looks again. */
  private List<Path> files() {
    for (int attempt = 1; ; attempt++) {
      try (Stream<Path> all = Files.walk(work)) {
        return all.filter(Files::isRegularFile).toList();
      } catch (IOException | UncheckedIOException e) {
        if (attempt == 3) {
          throw new AssertionError("cannot list " + work, e);
        }
      }
    }
  }
}
