package dev.ferry.manifest;

import dev.ferry.FerryLimits;
import dev.ferry.internal.Texts;
import dev.ferry.internal.json.JsonLimitException;
import dev.ferry.internal.json.JsonReadException;
import dev.ferry.internal.json.JsonReader;
import dev.ferry.reference.Digest;
import dev.ferry.reference.DigestMismatchException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Turns bytes and a Content-Type into a {@link Manifest}; the rules are documented on {@link Manifest#parse}. */
final class ManifestParser {
  private static final JsonReader JSON = new JsonReader(FerryLimits.MAX_JSON_DEPTH, FerryLimits.MAX_MANIFEST_BYTES,
      FerryLimits.MAX_MANIFEST_VALUES, "FerryLimits.MAX_MANIFEST_VALUES");

  /** Content types that say nothing about the kind of manifest: the document decides. */
  private static final Set<String> GENERIC = Set.of("", "application/json", "text/plain",
      "application/octet-stream", "*/*");

  private ManifestParser() {}

  static Manifest parse(byte[] bytes, String contentType, Digest expected) {
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(expected, "expected");
    checkSize(bytes);
    if (!expected.matches(bytes)) {
      throw new DigestMismatchException(expected, expected.recompute(bytes), -1, bytes.length);
    }
    return parse(bytes, contentType);
  }

  static Manifest parse(byte[] input, String contentType) {
    Objects.requireNonNull(input, "bytes");
    Objects.requireNonNull(contentType, "contentType");
    checkSize(input);
    byte[] bytes = input.clone();
    Digest digest = Digest.sha256(bytes);
    String declared = MediaTypes.essence(contentType);
    if (MediaTypes.isSchema1(declared)) {
      throw UnsupportedManifestException.schema1(declared, "from the Content-Type", digest);
    }
    boolean generic = GENERIC.contains(declared);
    if (!generic && !MediaTypes.isManifest(declared)) {
      throw UnsupportedManifestException.unknownType(declared, "the Content-Type", digest);
    }
    ParseContext context = new ParseContext(generic ? null : declared, digest);
    JsonFields root;
    try {
      root = new JsonFields(JSON.readObject(bytes, ManifestShape.ROOT), "", context);
    } catch (JsonLimitException e) {
      throw context.invalid(e.reason(), e);
    } catch (JsonReadException e) {
      throw context.invalid("not valid JSON: " + e.getMessage(), e);
    }
    rejectSchema1(root, digest);
    String mediaType = decideMediaType(root, declared, generic, context);
    context = context.withMediaType(mediaType);
    root = root.withContext(context);
    checkShape(root, mediaType, context);
    long schemaVersion = root.requiredInteger("schemaVersion");
    if (schemaVersion != 2) {
      throw context.invalid("schemaVersion must be 2, found " + schemaVersion);
    }
    Manifest manifest = MediaTypes.isIndex(mediaType) ? index(root, bytes, mediaType, digest)
        : imageManifest(root, bytes, mediaType, digest);
    ManifestShape.checkAnnotationBytes(manifest, context);
    return manifest;
  }

  private static void checkSize(byte[] bytes) {
    if (bytes.length > FerryLimits.MAX_MANIFEST_BYTES) {
      throw new InvalidManifestException("the manifest is " + bytes.length + " bytes, more than the limit of "
          + FerryLimits.MAX_MANIFEST_BYTES + " (FerryLimits.MAX_MANIFEST_BYTES)");
    }
  }

  private static void rejectSchema1(JsonFields root, Digest digest) {
    @Nullable String evidence = null;
    if (root.value("schemaVersion").filter(v -> v.equals(1L)).isPresent()) {
      evidence = "schemaVersion is 1";
    } else if (root.has("fsLayers")) {
      evidence = "it has fsLayers";
    } else if (root.has("signatures") && !root.has("config") && !root.has("manifests")) {
      evidence = "it has JWS signatures";
    }
    if (evidence != null) {
      String type = root.has("signatures") ? MediaTypes.DOCKER_MANIFEST_V1_SIGNED : MediaTypes.DOCKER_MANIFEST_V1;
      throw UnsupportedManifestException.schema1(type, "detected because " + evidence, digest);
    }
  }

  private static String decideMediaType(JsonFields root, String declared, boolean generic, ParseContext context) {
    @Nullable String field = root.optionalString("mediaType").orElse(null);
    if (!generic) {
      if (field != null && !field.equals(declared)) {
        throw context.invalid("the Content-Type is " + declared + " but the document's mediaType is "
            + Texts.quote(field));
      }
      return declared;
    }
    if (field != null) {
      if (MediaTypes.isSchema1(field)) {
        throw UnsupportedManifestException.schema1(field, "from its mediaType field", context.digest());
      }
      if (!MediaTypes.isManifest(field)) {
        throw UnsupportedManifestException.unknownType(field, "the document's mediaType field", context.digest());
      }
      return field;
    }
    if (root.has("manifests")) {
      return MediaTypes.OCI_IMAGE_INDEX;
    }
    if (root.has("config") || root.has("layers")) {
      return MediaTypes.OCI_IMAGE_MANIFEST;
    }
    throw context.invalid("cannot tell what kind of manifest this is: no mediaType field and no"
        + " manifests, config or layers, and the Content-Type is " + (declared.isEmpty() ? "empty" : declared));
  }

  /** A document that is both an index and a manifest means different things to different readers. */
  private static void checkShape(JsonFields root, String mediaType, ParseContext context) {
    if (MediaTypes.isIndex(mediaType) && (root.has("config") || root.has("layers"))) {
      throw context.invalid("an index must not have config or layers; this document is ambiguous");
    }
    if (MediaTypes.isImageManifest(mediaType) && root.has("manifests")) {
      throw context.invalid("an image manifest must not have manifests; this document is ambiguous");
    }
  }

  private static ManifestFields common(JsonFields root, byte[] bytes, String mediaType, Digest digest) {
    @Nullable String artifactType = root.optionalString("artifactType").orElse(null);
    if (artifactType != null && !MediaTypes.isWellFormed(artifactType)) {
      throw root.context().invalid("artifactType must be a media type of the form type/subtype (RFC 6838),"
          + " found " + Texts.quote(artifactType));
    }
    @Nullable Descriptor subject = root.optionalObject("subject").map(DescriptorReader::read).orElse(null);
    return new ManifestFields(mediaType, bytes, digest, 2, root.optionalStringMap("annotations"),
        subject, artifactType);
  }

  private static ImageManifest imageManifest(JsonFields root, byte[] bytes, String mediaType, Digest digest) {
    Descriptor config = DescriptorReader.read(root.requiredObject("config"));
    List<Descriptor> layers = new ArrayList<>();
    for (JsonFields layer : root.requiredObjectArray("layers", FerryLimits.MAX_MANIFEST_LAYERS)) {
      layers.add(DescriptorReader.read(layer));
    }
    return new ImageManifest(common(root, bytes, mediaType, digest), config, layers);
  }

  private static ImageIndex index(JsonFields root, byte[] bytes, String mediaType, Digest digest) {
    List<Descriptor> manifests = new ArrayList<>();
    for (JsonFields child : root.requiredObjectArray("manifests", FerryLimits.MAX_INDEX_MANIFESTS)) {
      manifests.add(DescriptorReader.read(child));
    }
    return new ImageIndex(common(root, bytes, mediaType, digest), manifests);
  }
}
