package dev.ferry.internal.json;

import dev.ferry.manifest.Descriptor;
import dev.ferry.manifest.Platform;
import java.util.Base64;
import java.util.Map;
import java.util.SortedMap;

/**
 * Writes a descriptor as JSON in one fixed order (media type, digest, size, platform,
 * artifact type, urls, annotations, data), absent and empty optional fields left out:
 * one spelling for every index Ferry writes, a registry's or a layout's {@code index.json}.
 */
public final class DescriptorJson {
  private DescriptorJson() {}

  /** Writes {@code d} as the next value. */
  public static void write(JsonWriter json, Descriptor d) {
    json.beginObject()
        .field("mediaType", d.mediaType())
        .field("digest", d.digest().toString())
        .field("size", d.size());
    d.platform().ifPresent(p -> platform(json, p));
    d.artifactType().ifPresent(type -> json.field("artifactType", type));
    if (!d.urls().isEmpty()) {
      json.name("urls").beginArray();
      d.urls().forEach(json::value);
      json.endArray();
    }
    stringMap(json, "annotations", d.annotations());
    d.data().ifPresent(data -> json.field("data", Base64.getEncoder().encodeToString(data)));
    json.endObject();
  }

  private static void platform(JsonWriter json, Platform p) {
    json.name("platform").beginObject()
        .field("architecture", p.architecture())
        .field("os", p.os());
    p.osVersion().ifPresent(v -> json.field("os.version", v));
    if (!p.osFeatures().isEmpty()) {
      json.name("os.features").beginArray();
      p.osFeatures().forEach(json::value);
      json.endArray();
    }
    p.variant().ifPresent(v -> json.field("variant", v));
    json.endObject();
  }

  /** Writes a string map under a name, nothing when it is empty. */
  public static void stringMap(JsonWriter json, String name, SortedMap<String, String> map) {
    if (map.isEmpty()) {
      return;
    }
    json.name(name).beginObject();
    for (Map.Entry<String, String> e : map.entrySet()) {
      json.field(e.getKey(), e.getValue());
    }
    json.endObject();
  }
}
