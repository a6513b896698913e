package dev.ferry.it;

import dev.ferry.manifest.Descriptor;
import dev.ferry.manifest.ImageManifest;
import dev.ferry.manifest.Manifest;
import dev.ferry.manifest.MediaTypes;
import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.BlobSource;
import dev.ferry.registry.RegistryClient;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Pushes small single-platform OCI images with chosen layer contents through Ferry's
 * client, so tests control which layers images share (a base layer pushed in several
 * images has one digest) and which tags share a digest.
 */
public final class PushedImages {
  private PushedImages() {}

  /** {@code size} reproducible random bytes. */
  public static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  /** Pushes an image with these layers and a config naming {@code label}; returns its manifest. */
  public static ImageManifest push(RegistryClient client, ImageReference ref, String label, byte[]... layers) {
    ImageReference repository = ref.withoutTag().withoutDigest();
    StringBuilder json = new StringBuilder();
    for (byte[] layer : layers) {
      Descriptor d = Descriptor.of(MediaTypes.OCI_LAYER_TAR_GZIP, Digest.sha256(layer), layer.length);
      client.pushBlob(repository, d, BlobSource.of(layer));
      json.append(json.length() == 0 ? "" : ",").append(descriptor(d));
    }
    byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"label\":\"" + label + "\"}")
        .getBytes(StandardCharsets.UTF_8);
    Descriptor c = Descriptor.of(MediaTypes.OCI_IMAGE_CONFIG, Digest.sha256(config), config.length);
    client.pushBlob(repository, c, BlobSource.of(config));
    byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_IMAGE_MANIFEST + "\",\"config\":"
        + descriptor(c) + ",\"layers\":[" + json + "]}").getBytes(StandardCharsets.UTF_8);
    ImageManifest image = (ImageManifest) Manifest.parse(manifest, MediaTypes.OCI_IMAGE_MANIFEST);
    client.pushManifest(ref, image);
    return image;
  }

  private static String descriptor(Descriptor d) {
    return "{\"mediaType\":\"" + d.mediaType() + "\",\"digest\":\"" + d.digest() + "\",\"size\":" + d.size() + "}";
  }
}
