package dev.ferry.benchmarks;

import dev.ferry.manifest.Descriptor;
import dev.ferry.manifest.MediaTypes;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.BlobSource;
import dev.ferry.registry.RegistryClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The physical floor of a cold copy: the case's layers uploaded straight into the
 * empty destination, {@code parallelism} at a time, with {@code RegistryClient.pushBlob}
 * from files (in the page cache after the first run) — no source registry, no manifest.
 */
final class RawFloor implements AutoCloseable {
  private static final long TIMEOUT_MINUTES = 10;

  private final Registries registries;
  private final RegistryClient client;
  private final ImageReference repository;
  private final List<Descriptor> layers = new ArrayList<>();
  private final List<Path> files = new ArrayList<>();
  private final ExecutorService pool;

  RawFloor(Registries registries, RegistryClient client, Path dir, long image, int count, long size,
      int parallelism) throws IOException {
    this.registries = registries;
    this.client = client;
    this.repository = ImageReference.of(registries.destination(), "bench/floor");
    this.pool = Executors.newFixedThreadPool(parallelism, r -> {
      Thread t = new Thread(r, "ferry-raw-floor");
      t.setDaemon(true);
      return t;
    });
    Files.createDirectories(dir);
    for (int i = 0; i < count; i++) {
      GzipLayer blob = Seeder.layer(image, i, size);
      Path file = dir.resolve("layer-" + i);
      try (InputStream in = blob.open(0)) {
        Files.copy(in, file);
      }
      files.add(file);
      layers.add(Descriptor.of(MediaTypes.OCI_LAYER_TAR_GZIP, blob.digest(), size));
    }
  }

  /** Empties the destination, then times the parallel uploads; returns nanoseconds. */
  long runOnce() {
    registries.emptyDestination(List.of());
    long start = System.nanoTime();
    List<Future<?>> uploads = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      Descriptor layer = layers.get(i);
      BlobSource source = BlobSource.of(files.get(i));
      uploads.add(pool.submit(() -> client.pushBlob(repository, layer, source)));
    }
    for (Future<?> upload : uploads) {
      try {
        upload.get(TIMEOUT_MINUTES, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted during the raw uploads", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("a raw upload failed: " + e.getCause(), e.getCause());
      } catch (TimeoutException e) {
        throw new IllegalStateException("a raw upload took more than " + TIMEOUT_MINUTES + " minutes", e);
      }
    }
    long elapsed = System.nanoTime() - start;
    for (Descriptor layer : layers) {
      if (client.headBlob(repository, layer.digest()).isEmpty()) {
        throw new IllegalStateException("the destination lacks " + layer.digest() + " after the raw uploads");
      }
    }
    return elapsed;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
