package dev.ferry.internal.image;

import dev.ferry.FerryLimits;
import dev.ferry.copy.ImageLocationException;
import dev.ferry.copy.ImageLocationException.Problem;
import dev.ferry.internal.json.JsonReadException;
import dev.ferry.internal.json.JsonReader;
import dev.ferry.internal.json.JsonWriter;
import dev.ferry.manifest.Descriptor;
import dev.ferry.manifest.ImageManifest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Docker's {@code manifest.json} (a JSON array of {@code {"Config", "RepoTags", "Layers"}},
 * paths inside the archive) and its legacy {@code repositories} file.
 */
final class DockerManifestJson {
  private static final JsonReader JSON = new JsonReader(FerryLimits.MAX_JSON_DEPTH, FerryLimits.MAX_MANIFEST_BYTES + 16);

  /**
   * One image of {@code manifest.json}.
   *
   * @param config the config's path in the archive
   * @param repoTags the names {@code docker load} tags it with
   * @param layers the layer tars' paths, base layer first
   */
  record Entry(String config, List<String> repoTags, List<String> layers) {}

  private DockerManifestJson() {}

  static byte[] write(ImageManifest image, String repoTag) {
    JsonWriter json = new JsonWriter().beginArray().beginObject()
        .field("Config", LayoutFiles.blobPath(image.config().digest()))
        .name("RepoTags").beginArray().value(repoTag).endArray()
        .name("Layers").beginArray();
    for (Descriptor layer : image.layers()) {
      json.value(LayoutFiles.blobPath(layer.digest()));
    }
    return json.endArray().endObject().endArray().toBytes();
  }

  static byte[] repositories(ImageManifest image, DockerNames names) {
    String top = image.layers().isEmpty() ? image.config().digest().encoded()
        : image.layers().get(image.layers().size() - 1).digest().encoded();
    return new JsonWriter().beginObject()
        .name(names.reference().familiarName()).beginObject().field(names.tag(), top).endObject()
        .endObject().toBytes();
  }

  /** Reads the entries; the array is read as the one field of an object, the only root the reader takes. */
  @SuppressWarnings("unchecked")
  static List<Entry> read(Path archive, byte[] bytes) {
    byte[] wrapped = new byte[bytes.length + 7];
    System.arraycopy("{\"m\":".getBytes(StandardCharsets.US_ASCII), 0, wrapped, 0, 5);
    System.arraycopy(bytes, 0, wrapped, 5, bytes.length);
    wrapped[bytes.length + 5] = '\n';
    wrapped[bytes.length + 6] = '}';
    Object root;
    try {
      root = JSON.readObject(wrapped).get("m");
    } catch (JsonReadException e) {
      throw invalid(archive, "is not valid JSON: " + e.getMessage());
    }
    if (!(root instanceof List<?> list)) {
      throw invalid(archive, "is not a JSON array");
    }
    List<Entry> entries = new ArrayList<>();
    for (Object item : list) {
      if (!(item instanceof Map<?, ?> map) || !(map.get("Config") instanceof String config)) {
        throw invalid(archive, "has an entry without a Config path");
      }
      entries.add(new Entry(config, strings(archive, map.get("RepoTags")), strings(archive, map.get("Layers"))));
    }
    return entries;
  }

  private static List<String> strings(Path archive, @Nullable Object value) {
    if (value == null || value instanceof dev.ferry.internal.json.JsonNull) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw invalid(archive, "has RepoTags or Layers that are not arrays");
    }
    List<String> out = new ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof String s)) {
        throw invalid(archive, "has RepoTags or Layers that are not strings");
      }
      out.add(s);
    }
    return out;
  }

  private static ImageLocationException invalid(Path archive, String why) {
    return new ImageLocationException(archive, Problem.NOT_AN_IMAGE, "manifest.json " + why, null);
  }
}
