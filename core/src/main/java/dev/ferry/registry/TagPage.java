package dev.ferry.registry;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One page of a tag list or catalog, and the {@code last} value that asks for the next one.
 *
 * @param items the tags (or repositories) on this page, in the registry's order
 * @param next the {@code last} parameter for the next page, or null when this is the last page
 * @since 0.1
 */
public record TagPage(List<String> items, @Nullable String next) {
  /**
   * Validates the parts.
   *
   * @param items the items
   * @param next the next {@code last} value, or null
   * @since 0.1
   */
  public TagPage {
    items = List.copyOf(Objects.requireNonNull(items, "items"));
  }

  /**
   * {@return the {@code last} value for the next page, or empty on the last page}
   *
   * @since 0.1
   */
  public Optional<String> nextLast() {
    return Optional.ofNullable(next);
  }
}
