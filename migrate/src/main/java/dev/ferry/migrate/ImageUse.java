package dev.ferry.migrate;

import dev.ferry.reference.ImageReference;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One place in a file that names an image: where it is, the text as written, the parsed
 * reference and the kind of place.
 *
 * <pre>{@code
 * for (ImageUse use : ImageScan.of(Path.of("repo")).uses()) {
 *   System.out.println(use.file() + ":" + use.line() + " " + use.reference());
 * }
 * }</pre>
 *
 * <p>For a Helm image map the text is the reference the chart composes from its
 * {@code registry}, {@code repository}, {@code tag} and {@code digest} values, and the
 * position is that of the {@code repository} value. For an image given by a Dockerfile
 * {@code ARG} default, the position and text are those of the default.
 *
 * <p>Thread-safety: immutable.
 *
 * @since 0.1
 */
public final class ImageUse {
  private final Path file;
  private final int line;
  private final int column;
  private final String text;
  private final ImageReference reference;
  private final ImagePlace place;
  private final List<Slot> slots;

  ImageUse(Path file, int line, int column, String text, ImageReference reference, ImagePlace place,
      List<Slot> slots) {
    this.file = Objects.requireNonNull(file, "file");
    this.line = line;
    this.column = column;
    this.text = Objects.requireNonNull(text, "text");
    this.reference = Objects.requireNonNull(reference, "reference");
    this.place = Objects.requireNonNull(place, "place");
    this.slots = List.copyOf(slots);
  }

  /**
   * {@return the file, relative to the scanned directory when a directory was scanned}
   *
   * @since 0.1
   */
  public Path file() {
    return file;
  }

  /**
   * {@return the 1-based line of the image text}
   *
   * @since 0.1
   */
  public int line() {
    return line;
  }

  /**
   * {@return the 1-based column of the image text}
   *
   * @since 0.1
   */
  public int column() {
    return column;
  }

  /**
   * {@return the image text exactly as written (without quotes)}
   *
   * @since 0.1
   */
  public String text() {
    return text;
  }

  /**
   * {@return the parsed, normalised reference}
   *
   * @since 0.1
   */
  public ImageReference reference() {
    return reference;
  }

  /**
   * {@return the kind of place}
   *
   * @since 0.1
   */
  public ImagePlace place() {
    return place;
  }

  /** The spans to replace when this use is rewritten. */
  List<Slot> slots() {
    return slots;
  }

  /**
   * {@return {@code file:line:column: text (place)}}
   *
   * @since 0.1
   */
  @Override
  public String toString() {
    return file + ":" + line + ":" + column + ": " + text + " (" + place + ")";
  }
}
