package dev.ferry.manifest;

import static dev.ferry.internal.json.JsonShape.array;
import static dev.ferry.internal.json.JsonShape.map;
import static dev.ferry.internal.json.JsonShape.object;
import static dev.ferry.internal.json.JsonShape.scalar;

import dev.ferry.FerryLimits;
import dev.ferry.internal.json.JsonShape;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SortedMap;

/**
 * What of a manifest's JSON Ferry keeps: the fields of the OCI and Docker schemas, each
 * collection capped by its {@link FerryLimits} entry. Everything else (vendor fields,
 * whatever a hostile registry pads a document with) is read through, never built.
 */
final class ManifestShape {
  private static final JsonShape ANNOTATIONS = map(scalar(), FerryLimits.MAX_ANNOTATIONS,
      "FerryLimits.MAX_ANNOTATIONS");

  private static final JsonShape PLATFORM = object(Map.of(
      "architecture", scalar(),
      "os", scalar(),
      "os.version", scalar(),
      "os.features", array(scalar(), FerryLimits.MAX_PLATFORM_FEATURES, "FerryLimits.MAX_PLATFORM_FEATURES"),
      "variant", scalar()));

  private static final JsonShape DESCRIPTOR = object(Map.of(
      "mediaType", scalar(),
      "digest", scalar(),
      "size", scalar(),
      "urls", array(scalar(), FerryLimits.MAX_DESCRIPTOR_URLS, "FerryLimits.MAX_DESCRIPTOR_URLS"),
      "annotations", ANNOTATIONS,
      "artifactType", scalar(),
      "platform", PLATFORM,
      "data", scalar()));

  /** The root of any manifest kind; {@code fsLayers} and {@code signatures} are kept only to spot schema 1. */
  static final JsonShape ROOT = object(Map.ofEntries(
      Map.entry("schemaVersion", scalar()),
      Map.entry("mediaType", scalar()),
      Map.entry("artifactType", scalar()),
      Map.entry("annotations", ANNOTATIONS),
      Map.entry("subject", DESCRIPTOR),
      Map.entry("config", DESCRIPTOR),
      Map.entry("layers", array(DESCRIPTOR, FerryLimits.MAX_MANIFEST_LAYERS, "FerryLimits.MAX_MANIFEST_LAYERS")),
      Map.entry("manifests", array(DESCRIPTOR, FerryLimits.MAX_INDEX_MANIFESTS, "FerryLimits.MAX_INDEX_MANIFESTS")),
      Map.entry("fsLayers", scalar()),
      Map.entry("signatures", scalar())));

  private ManifestShape() {}

  /** Refuses a manifest whose annotations, all together, are larger than {@link FerryLimits#MAX_ANNOTATION_BYTES}. */
  static void checkAnnotationBytes(Manifest manifest, ParseContext context) {
    long total = bytes(manifest.annotations());
    total += manifest.subject().map(d -> bytes(d.annotations())).orElse(0L);
    if (manifest instanceof ImageManifest image) {
      total += bytes(image.config().annotations());
      for (Descriptor layer : image.layers()) {
        total += bytes(layer.annotations());
      }
    } else if (manifest instanceof ImageIndex index) {
      for (Descriptor child : index.manifests()) {
        total += bytes(child.annotations());
      }
    }
    if (total > FerryLimits.MAX_ANNOTATION_BYTES) {
      throw context.invalid("the annotations of this manifest are " + total + " bytes together, more than the"
          + " limit of " + FerryLimits.MAX_ANNOTATION_BYTES + " (FerryLimits.MAX_ANNOTATION_BYTES)");
    }
  }

  private static long bytes(SortedMap<String, String> annotations) {
    long n = 0;
    for (Map.Entry<String, String> e : annotations.entrySet()) {
      n += utf8Length(e.getKey()) + utf8Length(e.getValue());
    }
    return n;
  }

  private static long utf8Length(String s) {
    // ASCII is the common case; only then is the length the byte count
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return s.getBytes(StandardCharsets.UTF_8).length;
      }
    }
    return s.length();
  }
}
