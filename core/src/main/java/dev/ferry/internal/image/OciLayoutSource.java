package dev.ferry.internal.image;

import dev.ferry.FerryLimits;
import dev.ferry.copy.ImageLocationException;
import dev.ferry.copy.ImageLocationException.Problem;
import dev.ferry.manifest.Descriptor;
import dev.ferry.manifest.Manifest;
import dev.ferry.reference.Digest;
import dev.ferry.reference.DigestMismatchException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads one named image of an OCI image layout, from a directory or a tar. */
public final class OciLayoutSource implements ImageSource {
  private final LayoutFiles files;
  private final String name;
  private final String scheme;
  private final List<Descriptor> entries;
  private final Descriptor top;

  OciLayoutSource(LayoutFiles files, String name, String scheme) {
    this.files = files;
    this.name = name;
    this.scheme = scheme;
    this.entries = LayoutIndex.read(files);
    this.top = LayoutIndex.find(files, entries, name);
  }

  /**
   * The image a layout directory holds under a name.
   *
   * @param dir the layout directory
   * @param name a ref name: a tag or a whole reference
   * @return the source
   * @throws ImageLocationException if the directory is missing, not a layout, or lacks the name
   */
  public static OciLayoutSource directory(Path dir, String name) {
    return new OciLayoutSource(new DirectoryFiles(dir), name, "oci");
  }

  /**
   * The image an OCI archive (a layout as one tar) holds under a name.
   *
   * @param tar the archive
   * @param name a ref name: a tag or a whole reference
   * @return the source
   * @throws ImageLocationException if the file is missing, not a tar layout, unsafe, or lacks the name
   */
  public static OciLayoutSource archive(Path tar, String name) {
    return new OciLayoutSource(new TarFiles(TarIndex.scan(tar)), name, "oci-archive");
  }

  /** The layout part of an archive whose entries are already scanned; empty when the name is not in it. */
  static java.util.Optional<OciLayoutSource> within(TarIndex tar, String name, String scheme) {
    TarFiles files = new TarFiles(tar);
    if (!files.exists(LayoutIndex.LAYOUT_FILE) || !files.exists(LayoutIndex.INDEX_FILE)) {
      return java.util.Optional.empty();
    }
    if (LayoutIndex.match(LayoutIndex.read(files), name).isEmpty()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(new OciLayoutSource(files, name, scheme));
  }

  @Override
  public Manifest root() {
    return manifest(top);
  }

  @Override
  public Manifest manifest(Descriptor descriptor) {
    String path = LayoutFiles.blobPath(descriptor.digest());
    byte[] bytes = files.readSmall(path, "manifest " + descriptor.digest(), FerryLimits.MAX_MANIFEST_BYTES);
    try {
      return Manifest.parse(bytes, descriptor.mediaType(), descriptor.digest());
    } catch (DigestMismatchException e) {
      throw corrupt(path, e);
    }
  }

  @Override
  public InputStream openBlob(Descriptor blob) throws IOException {
    String path = LayoutFiles.blobPath(blob.digest());
    return new CheckedStream(files.open(path, "blob " + blob.digest()), blob, files.location(), path);
  }

  @Override
  public List<Descriptor> referrers(Digest subject) {
    List<Descriptor> found = new ArrayList<>();
    for (Descriptor entry : entries) {
      if (entry.equals(top) || !dev.ferry.manifest.MediaTypes.isManifest(entry.mediaType())) {
        continue;
      }
      Manifest m = manifest(entry);
      if (m.subject().map(s -> s.digest().equals(subject)).orElse(false)) {
        found.add(entry);
      }
    }
    return found;
  }

  @Override
  public Map<String, Descriptor> taggedReferrers(Digest subject) {
    Map<String, Descriptor> found = new LinkedHashMap<>();
    for (String suffix : Referrers.COSIGN_SUFFIXES) {
      String tag = Referrers.tag(subject, suffix);
      LayoutIndex.refNamed(entries, LayoutIndex.sibling(name, tag)).or(() -> LayoutIndex.refNamed(entries, tag))
          .ifPresent(d -> found.put(tag, d));
    }
    return found;
  }

  @Override
  public String describe() {
    return scheme + ":" + files.location() + ":" + name;
  }

  private ImageLocationException corrupt(String path, DigestMismatchException e) {
    return new ImageLocationException(files.location(), Problem.CORRUPT, path + " does not match its digest: "
        + e.getMessage(), e);
  }
}
