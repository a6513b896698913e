package dev.ferry.internal.image;

import dev.ferry.FerryException;
import dev.ferry.FerryLimits;
import dev.ferry.copy.ImageLocationException;
import dev.ferry.copy.ImageLocationException.Problem;
import dev.ferry.internal.json.JsonWriter;
import dev.ferry.manifest.Descriptor;
import dev.ferry.manifest.Manifest;
import dev.ferry.manifest.MediaTypes;
import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one image of a docker-archive ({@code docker save}). When the archive also carries
 * an OCI layout naming the image (Docker 25 and later), that is read, and the manifest keeps
 * its digest. Otherwise {@code manifest.json} is: the archive holds no manifest, so one is
 * made (Docker v2 schema 2) from the config and the layers, uncompressed layers gzip-compressed
 * on the way as skopeo does; the digest is new, and {@link #sourceDigest()} is the image ID.
 *
 * <p>Thread-safety: immutable after opening; blobs may be read concurrently.
 */
public final class DockerArchiveSource {
  private DockerArchiveSource() {}

  /**
   * Opens the image an archive tags with {@code name}.
   *
   * @param tar the archive
   * @param name a reference as in {@code RepoTags}, e.g. {@code nginx:1.27}
   * @return the source
   * @throws ImageLocationException if the file is missing, unsafe, not a docker-archive, or lacks the name
   */
  public static ImageSource open(Path tar, String name) {
    TarIndex index = TarIndex.scan(tar);
    Optional<OciLayoutSource> layout = OciLayoutSource.within(index, name, "docker-archive");
    if (layout.isPresent()) {
      return layout.get();
    }
    if (index.entry("manifest.json").isEmpty()) {
      throw new ImageLocationException(tar, Problem.NOT_AN_IMAGE, "not a docker-archive: it has no manifest.json"
          + (index.entry(LayoutIndex.INDEX_FILE).isPresent() ? " (it has index.json: an OCI archive?)" : ""), null);
    }
    byte[] bytes = new TarFiles(index).readSmall("manifest.json", "Docker's image list", FerryLimits.MAX_MANIFEST_BYTES);
    List<DockerManifestJson.Entry> entries = DockerManifestJson.read(tar, bytes);
    return new Legacy(index, name, find(tar, entries, name));
  }

  private static DockerManifestJson.Entry find(Path tar, List<DockerManifestJson.Entry> entries, String name) {
    ImageReference wanted = ImageReference.parse(name);
    for (DockerManifestJson.Entry e : entries) {
      for (String tag : e.repoTags()) {
        if (sameImage(tag, wanted)) {
          return e;
        }
      }
    }
    throw new ImageLocationException(tar, Problem.NAME_NOT_FOUND, "no image tagged "
        + dev.ferry.internal.Texts.quote(name) + " in manifest.json; it has " + entries.stream()
        .flatMap(e -> e.repoTags().stream()).toList(), null);
  }

  private static boolean sameImage(String tag, ImageReference wanted) {
    try {
      return ImageReference.parse(tag).equals(wanted.tag().isPresent() ? wanted : wanted.withDefaultTag());
    } catch (FerryException e) {
      return false;
    }
  }

  /** An image known only by {@code manifest.json}: its manifest is made here. */
  private static final class Legacy implements ImageSource {
    private final TarIndex tar;
    private final String name;
    private final Descriptor config;
    private final String configPath;
    private final Map<Digest, LegacyLayer> layers = new HashMap<>();
    private final Manifest manifest;

    Legacy(TarIndex tar, String name, DockerManifestJson.Entry entry) {
      this.tar = tar;
      this.name = name;
      this.configPath = entry.config();
      LayoutFiles files = new TarFiles(tar);
      byte[] configBytes = files.readSmall(configPath, "the image config", FerryLimits.MAX_MANIFEST_BYTES);
      this.config = Descriptor.of(MediaTypes.DOCKER_CONTAINER_CONFIG, Digest.sha256(configBytes), configBytes.length);
      LegacyLayer.checkNamedDigest(tar.file(), configPath, config.digest());
      List<Digest> diffIds = LegacyLayer.diffIds(tar.file(), configBytes);
      if (diffIds.size() != entry.layers().size()) {
        throw new ImageLocationException(tar.file(), Problem.NOT_AN_IMAGE, "manifest.json lists "
            + entry.layers().size() + " layers but the config's rootfs.diff_ids has " + diffIds.size(), null);
      }
      JsonWriter json = new JsonWriter().beginObject()
          .field("schemaVersion", 2)
          .field("mediaType", MediaTypes.DOCKER_MANIFEST_V2)
          .name("config");
      dev.ferry.internal.json.DescriptorJson.write(json, config);
      json.name("layers").beginArray();
      for (int i = 0; i < diffIds.size(); i++) {
        LegacyLayer layer = LegacyLayer.measure(tar, tar.file(entry.layers().get(i), "layer " + (i + 1)),
            diffIds.get(i));
        layers.put(layer.descriptor().digest(), layer);
        dev.ferry.internal.json.DescriptorJson.write(json, layer.descriptor());
      }
      this.manifest = Manifest.parse(json.endArray().endObject().toBytes(), MediaTypes.DOCKER_MANIFEST_V2);
    }

    @Override
    public Manifest root() {
      return manifest;
    }

    @Override
    public Digest sourceDigest() {
      return config.digest();
    }

    @Override
    public Manifest manifest(Descriptor descriptor) {
      throw new ImageLocationException(tar.file(), Problem.NOT_AN_IMAGE, "a docker-archive image has no manifest "
          + descriptor.digest(), null);
    }

    @Override
    public InputStream openBlob(Descriptor blob) throws IOException {
      if (blob.digest().equals(config.digest())) {
        return new CheckedStream(tar.open(tar.file(configPath, "the image config")), config, tar.file(), configPath);
      }
      LegacyLayer layer = layers.get(blob.digest());
      if (layer == null) {
        throw new ImageLocationException(tar.file(), Problem.NOT_AN_IMAGE, "the image has no blob " + blob.digest(),
            null);
      }
      return layer.open(tar);
    }

    @Override
    public List<Descriptor> referrers(Digest subject) {
      return List.of();
    }

    @Override
    public String describe() {
      return "docker-archive:" + tar.file() + ":" + name;
    }
  }
}
