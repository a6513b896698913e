package dev.ferry.testing;

import dev.ferry.manifest.Descriptor;
import dev.ferry.manifest.Platform;
import dev.ferry.reference.Digest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The JSON of test images' configs and manifests, written in one fixed form. */
final class ImageDocuments {
  private ImageDocuments() {}

  static byte[] config(Platform platform, List<Digest> diffIds) {
    List<String> ids = new ArrayList<>();
    for (Digest id : diffIds) {
      ids.add(quote(id.toString()));
    }
    String variant = platform.variant().map(v -> ",\"variant\":" + quote(v)).orElse("");
    return ("{\"architecture\":" + quote(platform.architecture()) + ",\"os\":" + quote(platform.os()) + variant
        + ",\"created\":\"1970-01-01T00:00:00Z\",\"config\":{}"
        + ",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + String.join(",", ids) + "]}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  static String manifest(String mediaType, Descriptor config, List<Descriptor> layers) {
    List<String> entries = new ArrayList<>();
    for (Descriptor layer : layers) {
      entries.add(descriptor(layer));
    }
    return "{\"schemaVersion\":2,\"mediaType\":" + quote(mediaType) + ",\"config\":" + descriptor(config)
        + ",\"layers\":[" + String.join(",", entries) + "]}";
  }

  private static String descriptor(Descriptor d) {
    return "{\"mediaType\":" + quote(d.mediaType()) + ",\"digest\":" + quote(d.digest().toString())
        + ",\"size\":" + d.size() + "}";
  }

  private static String quote(String text) {
    // platform parts, media types and digests never hold characters that need escaping
    return "\"" + text + "\"";
  }
}
