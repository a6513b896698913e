package dev.ferry.benchmarks;

import dev.ferry.manifest.Descriptor;
import dev.ferry.manifest.ImageIndex;
import dev.ferry.manifest.ImageManifest;
import dev.ferry.manifest.IndexBuilder;
import dev.ferry.manifest.Manifest;
import dev.ferry.manifest.MediaTypes;
import dev.ferry.manifest.Platform;
import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.BlobSource;
import dev.ferry.registry.RegistryClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates the source images with Ferry's own client: OCI manifests over
 * incompressible generated layers (never held in memory), and OCI indexes.
 */
final class Seeder {
  private static final long PUSH_TIMEOUT_MINUTES = 10;

  private final RegistryClient client;
  private final ExecutorService pool;

  Seeder(RegistryClient client, ExecutorService pool) {
    this.client = client;
    this.pool = pool;
  }

  /**
   * A layer's content: seeds far apart, so that no two layers share a byte run
   * ({@link dev.ferry.it.GeneratedBlob} derives each 8-byte word from {@code seed + offset / 8}).
   */
  static GzipLayer layer(long image, int layer, long size) {
    return new GzipLayer(size, (image << 40) + ((long) layer << 32));
  }

  /** Pushes an image of {@code layers} generated layers under the reference's tag, or by digest if it has none. */
  ImageManifest pushImage(ImageReference reference, Platform platform, long image, int layers, long layerSize) {
    List<Future<Pushed>> pushes = new ArrayList<>();
    for (int i = 0; i < layers; i++) {
      int index = i;
      pushes.add(pool.submit(() -> {
        GzipLayer blob = layer(image, index, layerSize);
        Descriptor d = Descriptor.of(MediaTypes.OCI_LAYER_TAR_GZIP, blob.digest(), blob.size());
        client.pushBlob(reference, d, blob::open);
        return new Pushed(d, blob.diffId());
      }));
    }
    List<Descriptor> pushed = new ArrayList<>();
    List<Digest> diffIds = new ArrayList<>();
    for (Future<Pushed> push : pushes) {
      Pushed layer = await(push);
      pushed.add(layer.descriptor());
      diffIds.add(layer.diffId());
    }
    byte[] config = config(platform, diffIds);
    Descriptor configBlob = Descriptor.of(MediaTypes.OCI_IMAGE_CONFIG, Digest.sha256(config), config.length);
    client.pushBlob(reference, configBlob, BlobSource.of(config));
    ImageManifest manifest = (ImageManifest) Manifest.parse(manifest(configBlob, pushed),
        MediaTypes.OCI_IMAGE_MANIFEST);
    client.pushManifest(reference.tag().isPresent() ? reference : reference.withDigest(manifest.digest()), manifest);
    return manifest;
  }

  /** Pushes one image per platform by digest, then an OCI index of them under the reference's tag. */
  ImageIndex pushIndex(ImageReference reference, List<Platform> platforms, long firstImage, int layers,
      long layerSize) {
    IndexBuilder index = IndexBuilder.oci();
    ImageReference repository = reference.withoutTag();
    for (int p = 0; p < platforms.size(); p++) {
      Platform platform = platforms.get(p);
      index.add(pushImage(repository, platform, firstImage + p, layers, layerSize), platform);
    }
    ImageIndex built = index.build();
    client.pushManifest(reference, built);
    return built;
  }

  private record Pushed(Descriptor descriptor, Digest diffId) {}

  private static byte[] config(Platform platform, List<Digest> diffIds) {
    StringBuilder json = new StringBuilder("{\"architecture\":\"").append(platform.architecture())
        .append("\",\"os\":\"").append(platform.os()).append('"');
    platform.variant().ifPresent(v -> json.append(",\"variant\":\"").append(v).append('"'));
    json.append(",\"config\":{},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[");
    for (int i = 0; i < diffIds.size(); i++) {
      json.append(i == 0 ? "" : ",").append('"').append(diffIds.get(i)).append('"');
    }
    return json.append("]}}").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] manifest(Descriptor config, List<Descriptor> layers) {
    StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"")
        .append(MediaTypes.OCI_IMAGE_MANIFEST).append("\",\"config\":").append(descriptor(config))
        .append(",\"layers\":[");
    for (int i = 0; i < layers.size(); i++) {
      json.append(i == 0 ? "" : ",").append(descriptor(layers.get(i)));
    }
    return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String descriptor(Descriptor d) {
    return "{\"mediaType\":\"" + d.mediaType() + "\",\"digest\":\"" + d.digest() + "\",\"size\":" + d.size() + "}";
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.get(PUSH_TIMEOUT_MINUTES, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while seeding", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("seeding failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new IllegalStateException("a seed upload took more than " + PUSH_TIMEOUT_MINUTES + " minutes", e);
    }
  }
}
