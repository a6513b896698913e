package dev.ferry.copy;

import dev.ferry.it.GeneratedBlob;
import dev.ferry.it.OciLayout;
import dev.ferry.it.Skopeo;
import dev.ferry.it.TarGz;
import dev.ferry.manifest.Descriptor;
import dev.ferry.manifest.ImageManifest;
import dev.ferry.manifest.IndexBuilder;
import dev.ferry.manifest.Manifest;
import dev.ferry.manifest.MediaTypes;
import dev.ferry.manifest.Platform;
import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.BlobSource;
import dev.ferry.registry.RegistryClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Source images for copy tests: pushed by Ferry's client, or written as an OCI layout and pushed by skopeo. */
final class CopyFixtures {
  private CopyFixtures() {}

  static byte[] bytes(int size, long seed) {
    try (InputStream in = new GeneratedBlob(size, seed).open(0)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Pushes a single-platform OCI image with layers of the given sizes; returns its manifest. */
  static ImageManifest pushImage(RegistryClient client, ImageReference ref, long seed, int... layerSizes) {
    ImageReference repository = ref.withoutTag().withoutDigest();
    StringBuilder layers = new StringBuilder();
    for (int i = 0; i < layerSizes.length; i++) {
      byte[] layer = bytes(layerSizes[i], seed * 100 + i);
      Descriptor d = Descriptor.of(MediaTypes.OCI_LAYER_TAR_GZIP, Digest.sha256(layer), layer.length);
      client.pushBlob(repository, d, BlobSource.of(layer));
      layers.append(i == 0 ? "" : ",").append("{\"mediaType\":\"").append(d.mediaType()).append("\",\"digest\":\"")
          .append(d.digest()).append("\",\"size\":").append(d.size()).append('}');
    }
    byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"seed\":" + seed + "}").getBytes(StandardCharsets.UTF_8);
    Descriptor c = Descriptor.of(MediaTypes.OCI_IMAGE_CONFIG, Digest.sha256(config), config.length);
    client.pushBlob(repository, c, BlobSource.of(config));
    byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_IMAGE_MANIFEST + "\",\"config\":{"
        + "\"mediaType\":\"" + c.mediaType() + "\",\"digest\":\"" + c.digest() + "\",\"size\":" + c.size()
        + "},\"layers\":[" + layers + "]}").getBytes(StandardCharsets.UTF_8);
    ImageManifest image = (ImageManifest) Manifest.parse(manifest, MediaTypes.OCI_IMAGE_MANIFEST);
    client.pushManifest(ref, image);
    return image;
  }

  /**
   * Writes a single-platform OCI image with real gzip'd tar layers (and diff IDs in its config) as a
   * layout and pushes it with {@code skopeo copy}, optionally converted to Docker v2 schema 2.
   */
  static void pushImageWithSkopeo(Skopeo skopeo, Path dir, String destination, long seed, boolean dockerFormat) {
    OciLayout layout = new OciLayout(dir);
    byte[] baseTar = TarGz.tar("base.txt", ("base " + seed + "\n").getBytes(StandardCharsets.UTF_8));
    byte[] appTar = TarGz.tar("app.bin", bytes(300_000, seed));
    byte[] base = TarGz.gzip(baseTar);
    byte[] app = TarGz.gzip(appTar);
    byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Env\":[\"SEED=" + seed + "\"]},"
        + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + Digest.sha256(baseTar) + "\",\"" + Digest.sha256(appTar)
        + "\"]},\"history\":[{\"created_by\":\"base\"},{\"created_by\":\"app\"}]}").getBytes(StandardCharsets.UTF_8);
    Digest configDigest = layout.blob(config);
    byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_IMAGE_MANIFEST + "\",\"config\":{"
        + "\"mediaType\":\"" + MediaTypes.OCI_IMAGE_CONFIG + "\",\"digest\":\"" + configDigest + "\",\"size\":"
        + config.length + "},\"layers\":[{\"mediaType\":\"" + MediaTypes.OCI_LAYER_TAR_GZIP + "\",\"digest\":\""
        + layout.blob(base) + "\",\"size\":" + base.length + "},{\"mediaType\":\"" + MediaTypes.OCI_LAYER_TAR_GZIP
        + "\",\"digest\":\"" + layout.blob(app) + "\",\"size\":" + app.length + "}]}").getBytes(StandardCharsets.UTF_8);
    Digest manifestDigest = layout.blob(manifest);
    layout.tag("v1", MediaTypes.OCI_IMAGE_MANIFEST, manifestDigest, manifest.length);
    if (dockerFormat) {
      skopeo.ok("copy", "--format", "v2s2", "--dest-tls-verify=false", "oci:" + dir + ":v1", "docker://" + destination);
    } else {
      skopeo.ok("copy", "--dest-tls-verify=false", "oci:" + dir + ":v1", "docker://" + destination);
    }
  }

  /**
   * Writes a multi-platform OCI layout (one gzip'd tar layer shared by all, one own layer each)
   * and pushes it with {@code skopeo copy --all}, optionally converted to Docker formats.
   */
  static void pushIndexWithSkopeo(Skopeo skopeo, Path dir, String destination, List<Platform> platforms,
      boolean dockerFormat) {
    OciLayout layout = new OciLayout(dir);
    byte[] sharedTar = TarGz.tar("shared.txt", "shared by every platform\n".getBytes(StandardCharsets.UTF_8));
    byte[] shared = TarGz.gzip(sharedTar);
    Digest sharedDigest = layout.blob(shared);
    IndexBuilder index = IndexBuilder.oci();
    for (Platform p : platforms) {
      byte[] ownTar = TarGz.tar("own.bin", bytes(200_000, p.toString().hashCode()));
      byte[] own = TarGz.gzip(ownTar);
      Digest ownDigest = layout.blob(own);
      byte[] config = ("{\"architecture\":\"" + p.architecture() + "\",\"os\":\"" + p.os() + "\""
          + p.variant().map(v -> ",\"variant\":\"" + v + "\"").orElse("") + ",\"config\":{},\"rootfs\":{\"type\":"
          + "\"layers\",\"diff_ids\":[\"" + Digest.sha256(sharedTar) + "\",\"" + Digest.sha256(ownTar) + "\"]},"
          + "\"history\":[{\"created_by\":\"ferry copy test\"}]}").getBytes(StandardCharsets.UTF_8);
      Digest configDigest = layout.blob(config);
      byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_IMAGE_MANIFEST + "\",\"config\":{"
          + "\"mediaType\":\"" + MediaTypes.OCI_IMAGE_CONFIG + "\",\"digest\":\"" + configDigest + "\",\"size\":"
          + config.length + "},\"layers\":[{\"mediaType\":\"" + MediaTypes.OCI_LAYER_TAR_GZIP + "\",\"digest\":\""
          + sharedDigest + "\",\"size\":" + shared.length + "},{\"mediaType\":\"" + MediaTypes.OCI_LAYER_TAR_GZIP
          + "\",\"digest\":\"" + ownDigest + "\",\"size\":" + own.length + "}]}").getBytes(StandardCharsets.UTF_8);
      layout.blob(manifest);
      index.add(Manifest.parse(manifest, MediaTypes.OCI_IMAGE_MANIFEST), p);
    }
    Manifest built = index.build();
    layout.blob(built.bytes());
    layout.tag("v1", built.mediaType(), built.digest(), built.size());
    if (dockerFormat) {
      skopeo.ok("copy", "--all", "--format", "v2s2", "--dest-tls-verify=false", "oci:" + dir + ":v1",
          "docker://" + destination);
    } else {
      skopeo.ok("copy", "--all", "--dest-tls-verify=false", "oci:" + dir + ":v1", "docker://" + destination);
    }
  }
}
