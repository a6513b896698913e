package dev.ferry.copy;

import dev.ferry.FerryException;
import dev.ferry.reference.ImageReference;
import java.util.List;
import java.util.Objects;

/**
 * Two different source images of a {@link BulkCopy} would be written to the same
 * destination tag, so the last one to finish would silently replace the other (for
 * example {@code a.io/src/app:2} and {@code b.io/src/app:2} under one prefix). Thrown
 * before anything is copied; give each source a destination of its own, e.g. with
 * {@link BulkCopy#of(List, java.util.function.Function)} and a mapping that keeps the
 * source registry in the path.
 *
 * <p>Thread-safety: immutable.
 *
 * @since 0.1
 */
public final class DestinationConflictException extends FerryException {
  private static final long serialVersionUID = 1L;

  private final String destination;
  private final List<String> sources;

  /**
   * Creates the exception.
   *
   * @param destination the destination several sources map to
   * @param sources those sources, at least two, in the order given
   * @since 0.1
   */
  public DestinationConflictException(ImageReference destination, List<ImageReference> sources) {
    super(message(destination, sources));
    this.destination = destination.toString();
    this.sources = sources.stream().map(ImageReference::toString).toList();
  }

  private static String message(ImageReference destination, List<ImageReference> sources) {
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(sources, "sources");
    return "different sources would be copied to the same destination " + destination + ": "
        + String.join(" and ", sources.stream().map(ImageReference::toString).toList())
        + "; the last to finish would replace the others. Give each source its own destination"
        + " (e.g. BulkCopy.of with a mapping that keeps the source registry in the path)";
  }

  /**
   * The destination that several sources map to.
   *
   * @return the destination reference
   * @since 0.1
   */
  public ImageReference destination() {
    return ImageReference.parse(destination);
  }

  /**
   * The sources that map to {@link #destination()}, in the order they were given.
   *
   * @return at least two references
   * @since 0.1
   */
  public List<ImageReference> sources() {
    return sources.stream().map(ImageReference::parse).toList();
  }
}
