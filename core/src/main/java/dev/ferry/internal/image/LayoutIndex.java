package dev.ferry.internal.image;

import dev.ferry.FerryException;
import dev.ferry.FerryLimits;
import dev.ferry.copy.ImageLocationException;
import dev.ferry.copy.ImageLocationException.Problem;
import dev.ferry.manifest.Descriptor;
import dev.ferry.manifest.ImageIndex;
import dev.ferry.manifest.Manifest;
import dev.ferry.manifest.MediaTypes;
import dev.ferry.internal.json.DescriptorJson;
import dev.ferry.internal.json.JsonWriter;
import dev.ferry.reference.ImageReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A layout's {@code oci-layout} and {@code index.json}, and how a name finds its
 * entry: as skopeo writes it ({@code org.opencontainers.image.ref.name} holds the
 * name as given, a tag or a whole reference), or as containerd and Docker write it
 * ({@code io.containerd.image.name} holds the full reference and the ref name only the tag).
 */
final class LayoutIndex {
  static final String REF_NAME = "org.opencontainers.image.ref.name";
  static final String CONTAINERD_NAME = "io.containerd.image.name";
  static final String LAYOUT_FILE = "oci-layout";
  static final String INDEX_FILE = "index.json";
  static final String LAYOUT_JSON = "{\"imageLayoutVersion\":\"1.0.0\"}";

  private LayoutIndex() {}

  /** The entries of {@code index.json}, after checking {@code oci-layout}. */
  static List<Descriptor> read(LayoutFiles files) {
    if (!files.exists(LAYOUT_FILE)) {
      throw new ImageLocationException(files.location(), Problem.NOT_AN_IMAGE,
          "not an OCI image layout: it has no oci-layout file", null);
    }
    String layout = new String(files.readSmall(LAYOUT_FILE, "the layout version", 4096), StandardCharsets.UTF_8);
    if (!layout.replace(" ", "").contains("\"imageLayoutVersion\":\"1.")) {
      throw new ImageLocationException(files.location(), Problem.NOT_AN_IMAGE,
          "the oci-layout file names a layout version Ferry does not read (1.x expected): " + layout.strip(), null);
    }
    byte[] index = files.readSmall(INDEX_FILE, "the image index", FerryLimits.MAX_MANIFEST_BYTES);
    try {
      Manifest parsed = Manifest.parse(index, "application/json");
      if (parsed instanceof ImageIndex i) {
        return i.manifests();
      }
      throw new ImageLocationException(files.location(), Problem.NOT_AN_IMAGE,
          "index.json is an image manifest, not an index", null);
    } catch (ImageLocationException e) {
      throw e;
    } catch (FerryException e) {
      throw new ImageLocationException(files.location(), Problem.NOT_AN_IMAGE,
          "index.json is not a valid image index: " + e.getMessage(), e);
    }
  }

  /** The entry a name stands for, or a typed error listing the names the layout has. */
  static Descriptor find(LayoutFiles files, List<Descriptor> entries, String name) {
    return match(entries, name).orElseThrow(() -> new ImageLocationException(files.location(),
        Problem.NAME_NOT_FOUND, "no image named " + dev.ferry.internal.Texts.quote(name) + " in the layout; it has "
        + names(entries), null));
  }

  static Optional<Descriptor> match(List<Descriptor> entries, String name) {
    for (Descriptor d : entries) {
      if (name.equals(d.annotations().get(REF_NAME))) {
        return Optional.of(d);
      }
    }
    Optional<ImageReference> wanted = reference(name);
    if (wanted.isEmpty()) {
      return Optional.empty();
    }
    for (Descriptor d : entries) {
      String full = d.annotations().get(CONTAINERD_NAME);
      if (full != null && reference(full).equals(wanted)) {
        return Optional.of(d);
      }
    }
    // a full reference asked of a layout that stores only tags (containerd's ref names): unambiguous only
    Optional<String> tag = wanted.get().tag();
    List<Descriptor> byTag = new ArrayList<>();
    for (Descriptor d : entries) {
      if (tag.isPresent() && tag.get().equals(d.annotations().get(REF_NAME))
          && !d.annotations().containsKey(CONTAINERD_NAME)) {
        byTag.add(d);
      }
    }
    return byTag.size() == 1 && name.contains(":") ? Optional.of(byTag.get(0)) : Optional.empty();
  }

  /**
   * The entries after naming {@code top}: entries with the same name (ref name, or containerd
   * name when one is given) are replaced.
   */
  static List<Descriptor> named(List<Descriptor> existing, Manifest top, Map<String, String> names) {
    List<Descriptor> out = new ArrayList<>();
    for (Descriptor d : existing) {
      boolean sameName = false;
      for (Map.Entry<String, String> n : names.entrySet()) {
        if (n.getValue().equals(d.annotations().get(n.getKey()))
            && (names.size() == 1 || n.getKey().equals(CONTAINERD_NAME))) {
          sameName = true;
        }
      }
      if (!sameName) {
        out.add(d);
      }
    }
    out.add(top.descriptor().withAnnotations(names));
    return out;
  }

  /**
   * The entries with the referrers of the image named {@code name}: those found by subject
   * added once, unnamed (as oras keeps untagged manifests); cosign's tagged ones under
   * {@link #sibling} ref names, replacing an entry of the same ref name.
   */
  static List<Descriptor> withReferrers(List<Descriptor> entries, Referrers referrers, String name) {
    List<Descriptor> out = new ArrayList<>(entries);
    for (Manifest r : referrers.bySubject()) {
      if (out.stream().noneMatch(d -> d.digest().equals(r.digest()) && d.annotations().isEmpty())) {
        out.add(r.descriptor());
      }
    }
    referrers.byTag().forEach((tag, manifest) -> {
      String refName = sibling(name, tag);
      if (refNamed(out, refName).filter(d -> d.digest().equals(manifest.digest())).isEmpty()) {
        out.removeIf(d -> refName.equals(d.annotations().get(REF_NAME)));
        out.add(manifest.descriptor().withAnnotations(Map.of(REF_NAME, refName)));
      }
    });
    return out;
  }

  /** {@return the entry whose ref name is exactly {@code refName}} */
  static Optional<Descriptor> refNamed(List<Descriptor> entries, String refName) {
    return entries.stream().filter(d -> refName.equals(d.annotations().get(REF_NAME))).findFirst();
  }

  /**
   * The ref name of a tag beside the image named {@code name}: {@code nginx:sha256-<hex>.sig} beside
   * {@code nginx:1.27} (a whole reference ending in a tag, as skopeo names images), else the tag itself.
   */
  static String sibling(String name, String tag) {
    int colon = name.lastIndexOf(':');
    if (colon > 0 && colon > name.lastIndexOf('/') && name.indexOf('@') < 0) {
      return name.substring(0, colon) + ":" + tag;
    }
    return tag;
  }

  /** {@code index.json} bytes for these entries. */
  static byte[] write(List<Descriptor> entries) {
    JsonWriter json = new JsonWriter().beginObject()
        .field("schemaVersion", 2)
        .field("mediaType", MediaTypes.OCI_IMAGE_INDEX)
        .name("manifests").beginArray();
    entries.forEach(d -> DescriptorJson.write(json, d));
    return json.endArray().endObject().toBytes();
  }

  private static Optional<ImageReference> reference(String name) {
    try {
      return Optional.of(ImageReference.parse(name));
    } catch (FerryException e) {
      return Optional.empty();
    }
  }

  private static String names(List<Descriptor> entries) {
    List<String> names = new ArrayList<>();
    for (Descriptor d : entries) {
      String name = d.annotations().getOrDefault(CONTAINERD_NAME, d.annotations().get(REF_NAME));
      if (name != null) {
        names.add(dev.ferry.internal.Texts.quote(name));
      }
    }
    return names.isEmpty() ? "no named images" : String.join(", ", names);
  }
}
