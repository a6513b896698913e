package dev.ferry.internal.image;

import dev.ferry.it.TarGz;
import dev.ferry.manifest.Descriptor;
import dev.ferry.manifest.ImageManifest;
import dev.ferry.manifest.IndexBuilder;
import dev.ferry.manifest.Manifest;
import dev.ferry.manifest.MediaTypes;
import dev.ferry.manifest.Platform;
import dev.ferry.reference.Digest;
import dev.ferry.registry.BlobSource;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Images held in memory, and an {@link ImageSource} over them, to feed sinks in format tests. */
public final class MemoryImage implements ImageSource {
  final Map<Digest, byte[]> blobs = new HashMap<>();
  final Map<Digest, Manifest> manifests = new HashMap<>();
  final Map<Digest, byte[]> diffIds = new HashMap<>();
  public Manifest root;

  /** A single-platform image with gzip'd tar layers holding these texts. */
  public ImageManifest image(boolean docker, String platform, String... layerTexts) {
    StringBuilder layers = new StringBuilder();
    StringBuilder diffs = new StringBuilder();
    for (int i = 0; i < layerTexts.length; i++) {
      byte[] tar = TarGz.tar("file" + i + ".txt", layerTexts[i].getBytes(StandardCharsets.UTF_8));
      byte[] gz = TarGz.gzip(tar);
      Digest d = put(gz);
      diffIds.put(d, tar);
      layers.append(i == 0 ? "" : ",").append("{\"mediaType\":\"")
          .append(docker ? MediaTypes.DOCKER_LAYER_TAR_GZIP : MediaTypes.OCI_LAYER_TAR_GZIP)
          .append("\",\"digest\":\"").append(d).append("\",\"size\":").append(gz.length).append('}');
      diffs.append(i == 0 ? "" : ",").append('"').append(Digest.sha256(tar)).append('"');
    }
    Platform p = Platform.parse(platform);
    byte[] config = ("{\"architecture\":\"" + p.architecture() + "\",\"os\":\"" + p.os() + "\",\"config\":{},"
        + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + diffs + "]}}").getBytes(StandardCharsets.UTF_8);
    Digest c = put(config);
    String type = docker ? MediaTypes.DOCKER_MANIFEST_V2 : MediaTypes.OCI_IMAGE_MANIFEST;
    byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + type + "\",\"config\":{\"mediaType\":\""
        + (docker ? MediaTypes.DOCKER_CONTAINER_CONFIG : MediaTypes.OCI_IMAGE_CONFIG) + "\",\"digest\":\"" + c
        + "\",\"size\":" + config.length + "},\"layers\":[" + layers + "]}").getBytes(StandardCharsets.UTF_8);
    ImageManifest m = (ImageManifest) Manifest.parse(manifest, type);
    manifests.put(m.digest(), m);
    root = m;
    return m;
  }

  /** An OCI index of one image per platform, sharing their first layer. */
  public Manifest index(String... platforms) {
    IndexBuilder builder = IndexBuilder.oci();
    for (String p : platforms) {
      builder.add(image(false, p, "shared", "own " + p), Platform.parse(p));
    }
    Manifest index = builder.build();
    manifests.put(index.digest(), index);
    root = index;
    return index;
  }

  Digest put(byte[] bytes) {
    Digest d = Digest.sha256(bytes);
    blobs.put(d, bytes);
    return d;
  }

  /** Every blob and manifest of the root into the sink, children before parents, the name last. */
  public static void copy(ImageSource source, ImageSink sink) {
    try (sink) {
      Manifest root = source.root();
      write(source, sink, root);
      sink.commit(root);
    }
  }

  /** Every blob and child manifest of the root into the sink, without naming it. */
  public static void writeContent(ImageSource source, ImageSink sink) {
    write(source, sink, source.root());
  }

  private static void write(ImageSource source, ImageSink sink, Manifest m) {
    for (Descriptor d : m.references()) {
      if (MediaTypes.isManifest(d.mediaType())) {
        Manifest child = source.manifest(d);
        write(source, sink, child);
        sink.writeManifest(child);
      } else if (!sink.hasBlob(d)) {
        sink.writeBlob(d, offset -> {
          InputStream in = source.openBlob(d);
          in.skipNBytes(offset);
          return in;
        });
      }
    }
  }

  @Override
  public Manifest root() {
    return root;
  }

  @Override
  public Manifest manifest(Descriptor descriptor) {
    return manifests.get(descriptor.digest());
  }

  @Override
  public InputStream openBlob(Descriptor blob) {
    return new ByteArrayInputStream(blobs.get(blob.digest()));
  }

  @Override
  public List<Descriptor> referrers(Digest subject) {
    return List.of();
  }

  @Override
  public String describe() {
    return "memory";
  }

  BlobSource source(Digest d) {
    return BlobSource.of(blobs.get(d));
  }
}
