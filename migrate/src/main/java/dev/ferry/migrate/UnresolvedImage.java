package dev.ferry.migrate;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A place that names an image Ferry cannot copy or rewrite on its own: a Helm template, a
 * variable without a default, a value that is no valid reference, a file that does not parse.
 * Listed so that nothing is dropped silently; migrate these by hand.
 *
 * <p>Thread-safety: immutable.
 *
 * @param file the file, as scanned (relative to the scanned directory when a directory was scanned)
 * @param line the 1-based line
 * @param column the 1-based column
 * @param text the text as written (may be empty when the whole file is meant)
 * @param place the kind of place
 * @param reason why it is not resolved, e.g. {@code Helm template: known only when the chart renders}
 * @since 0.1
 */
public record UnresolvedImage(Path file, int line, int column, String text, ImagePlace place, String reason) {
  /**
   * Validates the parts.
   *
   * @param file the file
   * @param line the line
   * @param column the column
   * @param text the text
   * @param place the place
   * @param reason the reason
   * @since 0.1
   */
  public UnresolvedImage {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(place, "place");
    Objects.requireNonNull(reason, "reason");
  }

  /**
   * {@return {@code file:line:column: text (reason)}}
   *
   * @since 0.1
   */
  @Override
  public String toString() {
    return file + ":" + line + ":" + column + ": " + (text.isEmpty() ? "" : text + " ") + "(" + reason + ")";
  }
}
