package dev.ferry.migrate;

import java.util.Objects;

/**
 * One image text that changes (or would change) in a file.
 *
 * <p>Thread-safety: immutable.
 *
 * @param line the 1-based line
 * @param column the 1-based column
 * @param before the image text as written
 * @param after the reference written in its place (for a Helm image map, the reference the chart
 *     composes after its parts are rewritten)
 * @since 0.1
 */
public record LineChange(int line, int column, String before, String after) {
  /**
   * Validates the parts.
   *
   * @param line the line
   * @param column the column
   * @param before the text before
   * @param after the text after
   * @since 0.1
   */
  public LineChange {
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
  }

  /**
   * {@return {@code line:column: before -> after}}
   *
   * @since 0.1
   */
  @Override
  public String toString() {
    return line + ":" + column + ": " + before + " -> " + after;
  }
}
