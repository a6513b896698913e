package dev.ferry.copy;

import dev.ferry.FerryException;
import dev.ferry.internal.image.ArchiveSink;
import dev.ferry.internal.image.DockerArchiveSource;
import dev.ferry.internal.image.ImageSink;
import dev.ferry.internal.image.ImageSource;
import dev.ferry.internal.image.OciLayoutSink;
import dev.ferry.internal.image.OciLayoutSource;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryClient;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/** Opens the reader or writer of a location, and names file images for results and registry tags. */
final class Locations {
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

  private Locations() {}

  static ImageSource source(ImageLocation location, RegistryClient client) {
    Path path = location.path().orElse(Path.of(""));
    return switch (location.kind()) {
      case REGISTRY -> new RegistrySource(client, location.reference().orElseThrow());
      case OCI_LAYOUT -> OciLayoutSource.directory(path, location.name());
      case OCI_ARCHIVE -> OciLayoutSource.archive(path, location.name());
      case DOCKER_ARCHIVE -> DockerArchiveSource.open(path, location.name());
    };
  }

  /**
   * The writer of a destination. A registry destination with neither tag nor digest takes the
   * source's tag, or is written by digest when the source named only a digest (as registry copies do).
   */
  static ImageSink sink(ImageLocation location, ImageLocation source, RegistryClient client) {
    Path path = location.path().orElse(Path.of(""));
    return switch (location.kind()) {
      case REGISTRY -> new RegistrySink(client, target(location.reference().orElseThrow(), source));
      case OCI_LAYOUT -> OciLayoutSink.open(path, location.name());
      case OCI_ARCHIVE -> ArchiveSink.ociArchive(path, location.name());
      case DOCKER_ARCHIVE -> ArchiveSink.dockerArchive(path, location.name());
    };
  }

  private static ImageReference target(ImageReference given, ImageLocation source) {
    ImageReference d = given;
    if (d.tag().isEmpty() && d.digest().isEmpty()) {
      ImageReference from = reference(source);
      boolean byDigestOnly = source.isRegistry() && from.tag().isEmpty() && from.digest().isPresent();
      d = byDigestOnly ? given : given.withTag(from.tag().orElse(ImageReference.DEFAULT_TAG));
    }
    return d.digest().isPresent() && d.tag().isPresent() ? d.withoutDigest() : d;
  }

  /** {@return how messages name a location: a registry image as its reference, a file as skopeo names it} */
  static String label(ImageLocation location) {
    return location.reference().map(ImageReference::toString).orElseGet(location::toString);
  }

  /**
   * The reference a location stands for: the registry image itself; for files, the reference
   * its name spells ({@code nginx:1.27}), or {@code localhost/<file name>:<name>} when the name is a tag.
   */
  static ImageReference reference(ImageLocation location) {
    Optional<ImageReference> registry = location.reference();
    if (registry.isPresent()) {
      return registry.get();
    }
    String name = location.name();
    if (name.contains(":") || name.contains("/") || name.contains("@")) {
      try {
        return ImageReference.parse(name);
      } catch (FerryException e) {
        // not a reference after all: named after the file below
      }
    }
    String tag = TAG.matcher(name).matches() ? name : ImageReference.DEFAULT_TAG;
    String file = location.path().map(p -> String.valueOf(p.getFileName())).orElse("image")
        .toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    return ImageReference.of("localhost", file.isEmpty() ? "image" : file, tag);
  }
}
