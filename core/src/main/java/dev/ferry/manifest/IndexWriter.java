package dev.ferry.manifest;

import dev.ferry.internal.json.DescriptorJson;
import dev.ferry.internal.json.JsonWriter;
import java.util.List;
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
    manifests.forEach(child -> DescriptorJson.write(json, child));
    json.endArray();
    if (subject != null) {
      json.name("subject");
      DescriptorJson.write(json, subject);
    }
    DescriptorJson.stringMap(json, "annotations", annotations);
    return json.endObject().toBytes();
  }
}
