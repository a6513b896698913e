package dev.ferry.manifest;

import dev.ferry.internal.json.JsonWriter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.jspecify.annotations.Nullable;

/**
 * Writes an index as compact JSON in a fixed order, so equal input gives equal bytes.
 * The order is documented on {@link IndexBuilder}; absent and empty optional fields are left out.
 */
final class IndexWriter {
  private IndexWriter() {}

  static byte[] write(String mediaType, @Nullable String artifactType, List<Descriptor> manifests,
      @Nullable Descriptor subject, SortedMap<String, String> annotations) {
    JsonWriter json = new JsonWriter().beginObject()
        .field("schemaVersion", 2)
        .field("mediaType", mediaType);
    if (artifactType != null) {
      json.field("artifactType", artifactType);
    }
    json.name("manifests").beginArray();
    manifests.forEach(child -> descriptor(json, child));
    json.endArray();
    if (subject != null) {
      json.name("subject");
      descriptor(json, subject);
    }
    stringMap(json, "annotations", annotations);
    return json.endObject().toBytes();
  }

  private static void descriptor(JsonWriter json, Descriptor d) {
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

  private static void stringMap(JsonWriter json, String name, SortedMap<String, String> map) {
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
