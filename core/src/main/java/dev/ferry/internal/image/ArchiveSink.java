package dev.ferry.internal.image;

import dev.ferry.copy.ImageLocationException;
import dev.ferry.copy.ImageLocationException.Problem;
import dev.ferry.manifest.Descriptor;
import dev.ferry.manifest.ImageManifest;
import dev.ferry.manifest.Manifest;
import dev.ferry.reference.Digest;
import dev.ferry.registry.BlobSource;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes one image as a new tar: an OCI archive (the layout as one tar), or a
 * docker-archive, which is the same layout plus Docker's {@code manifest.json} and
 * {@code repositories} (the form {@code docker save} writes since Docker 25: {@code docker
 * load} reads the Docker files, OCI tools the layout, and the manifest keeps its digest).
 * The tar is written in one pass to a hidden temporary file beside the target and moved
 * over it on commit; an existing archive is replaced, as skopeo and docker save do.
 *
 * <p>Thread-safety: writes are serialised (a tar is one stream).
 */
public final class ArchiveSink implements ImageSink {
  private final Path target;
  private final Path temporary;
  private final String name;
  private final Optional<DockerNames> docker;
  private final TarWriter tar;
  private final Set<Digest> written = new HashSet<>();
  private boolean broken;
  private boolean committed;

  private ArchiveSink(Path target, String name, Optional<DockerNames> docker) {
    this.target = target;
    this.name = name;
    this.docker = docker;
    Path parent = target.toAbsolutePath().getParent();
    if (parent == null) {
      throw new ImageLocationException(target, Problem.NOT_AN_IMAGE,
          "is the root of a file system; an archive is one file in a directory", null);
    }
    if (!Files.isDirectory(parent)) {
      throw new ImageLocationException(target, Problem.MISSING, "the directory " + parent + " does not exist", null);
    }
    if (Files.isDirectory(target)) {
      throw new ImageLocationException(target, Problem.NOT_AN_IMAGE,
          "is a directory; an archive is one file (for a layout directory, use ImageLocation.ociLayout)", null);
    }
    this.temporary = FileMoves.temporary(parent, target.getFileName().toString());
    try {
      this.tar = new TarWriter(new BufferedOutputStream(Files.newOutputStream(temporary), 256 * 1024));
      tar.file(LayoutIndex.LAYOUT_FILE, LayoutIndex.LAYOUT_JSON.getBytes(StandardCharsets.UTF_8));
      tar.directory("blobs");
      tar.directory("blobs/sha256");
    } catch (IOException e) {
      FileMoves.deleteQuietly(temporary);
      throw new ImageLocationException(target, Problem.IO, "cannot write " + temporary + ": " + e.getMessage(), e);
    }
  }

  /**
   * A sink writing an OCI archive holding the image under {@code name}.
   *
   * @param tar the archive to create or replace
   * @param name the ref name
   * @return the sink
   */
  public static ArchiveSink ociArchive(Path tar, String name) {
    return new ArchiveSink(tar, name, Optional.empty());
  }

  /**
   * A sink writing a docker-archive that {@code docker load} tags with {@code reference}.
   *
   * @param tar the archive to create or replace
   * @param reference the image reference, e.g. {@code nginx:1.27}
   * @return the sink
   * @throws dev.ferry.reference.InvalidReferenceException if the reference is malformed
   */
  public static ArchiveSink dockerArchive(Path tar, String reference) {
    return new ArchiveSink(tar, reference, Optional.of(DockerNames.of(reference)));
  }

  @Override
  public Optional<Digest> current() {
    return Optional.empty();
  }

  @Override
  public synchronized boolean hasBlob(Descriptor blob) {
    return written.contains(blob.digest());
  }

  @Override
  public synchronized void writeBlob(Descriptor blob, BlobSource content) {
    String path = LayoutFiles.blobPath(blob.digest());
    checkUsable();
    try (InputStream in = new CheckedStream(content.open(0), blob, target, path)) {
      broken = true;
      tar.file(path, blob.size(), in);
      broken = false;
    } catch (IOException e) {
      throw new ImageLocationException(target, Problem.IO, "cannot write " + path + ": " + e.getMessage(), e);
    }
    written.add(blob.digest());
  }

  @Override
  public synchronized void writeManifest(Manifest manifest) {
    if (written.contains(manifest.digest())) {
      return;
    }
    checkUsable();
    writeFile(LayoutFiles.blobPath(manifest.digest()), manifest.bytes());
    written.add(manifest.digest());
  }

  @Override
  public synchronized void commit(Manifest top, Referrers referrers) {
    checkUsable();
    if (docker.isPresent()) {
      if (!referrers.isEmpty()) {
        throw noReferrers(target);
      }
      dockerFiles(top, docker.get());
    }
    writeManifest(top);
    Map<String, String> names = docker.map(DockerNames::annotations).orElse(Map.of(LayoutIndex.REF_NAME, name));
    List<Descriptor> entries = LayoutIndex.withReferrers(LayoutIndex.named(List.of(), top, names), referrers, name);
    writeFile(LayoutIndex.INDEX_FILE, LayoutIndex.write(entries));
    try {
      tar.finish();
      tar.close();
    } catch (IOException e) {
      throw new ImageLocationException(target, Problem.IO, "cannot finish " + temporary + ": " + e.getMessage(), e);
    }
    FileMoves.publish(target, temporary, target);
    committed = true;
  }

  /** An archive is never up to date (it is written whole), so there is never an image to add referrers to. */
  @Override
  public void nameReferrers(Referrers referrers) {
    throw new IllegalStateException("an archive is written whole, with its referrers, by commit");
  }

  /**
   * The typed refusal of referrers for a docker-archive: {@code docker load} and {@code docker save}
   * have no place for signatures, SBOMs or attestations.
   *
   * @param tar the docker-archive
   * @return the exception to throw
   */
  public static ImageLocationException noReferrers(Path tar) {
    return new ImageLocationException(tar, Problem.UNSUPPORTED, "a docker-archive cannot carry referrers"
        + " (signatures, SBOMs, attestations): docker save and docker load have no place for them; copy without"
        + " includeReferrers(true), or into an OCI archive or layout, which keeps them", null);
  }

  /** Docker's own files: {@code manifest.json} (config, tags, layer paths) and the legacy {@code repositories}. */
  private void dockerFiles(Manifest top, DockerNames names) {
    if (!(top instanceof ImageManifest image)) {
      throw new ImageLocationException(target, Problem.UNSUPPORTED, "a docker-archive holds one platform's image,"
          + " and " + top.digest() + " is a multi-platform index; choose one with IndexMode.SINGLE_PLATFORM", null);
    }
    for (Descriptor blob : image.blobs()) {
      if (!written.contains(blob.digest())) {
        throw new ImageLocationException(target, Problem.UNSUPPORTED, "layer " + blob.digest() + " was not copied"
            + " (a foreign layer?); docker load needs every layer: use includeForeignLayers(true)", null);
      }
    }
    writeFile("manifest.json", DockerManifestJson.write(image, names.repoTag()));
    writeFile("repositories", DockerManifestJson.repositories(image, names));
  }

  private void writeFile(String path, byte[] bytes) {
    try {
      tar.file(path, bytes);
    } catch (IOException e) {
      broken = true;
      throw new ImageLocationException(target, Problem.IO, "cannot write " + path + ": " + e.getMessage(), e);
    }
  }

  private void checkUsable() {
    if (broken || committed) {
      throw new IllegalStateException("the archive " + target + " failed or was committed; start a new copy");
    }
  }

  @Override
  public String describe() {
    return (docker.isPresent() ? "docker-archive:" : "oci-archive:") + target + ":" + name;
  }

  @Override
  public synchronized void close() {
    if (!committed) {
      try {
        tar.close();
      } catch (IOException ignored) {
        // the archive is abandoned; its temporary file goes next
      }
      FileMoves.deleteQuietly(temporary);
    }
  }
}
