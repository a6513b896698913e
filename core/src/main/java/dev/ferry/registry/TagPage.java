package dev.ferry.registry;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One page of a tag list or catalog, and the {@code last} value that asks for the next one.
 *
 * <pre>{@code
 * TagPage page = client.listTags(repository, 100);
 * while (page.next().isPresent()) {
 *   page = client.listTagsAfter(repository, 100, page.next().get());
 * }
 * }</pre>
 *
 * <p>Thread-safety: immutable.
 *
 * @since 0.1
 */
public final class TagPage {
  private final List<String> items;
  private final @Nullable String next;

  TagPage(List<String> items, @Nullable String next) {
    this.items = List.copyOf(Objects.requireNonNull(items, "items"));
    this.next = next;
  }

  /**
   * A page, for callers that build one themselves (tests, stand-ins of a registry).
   *
   * @param items the tags (or repositories) on the page, in the registry's order; copied
   * @param next the {@code last} value for the next page, or empty when this is the last page
   * @return the page
   * @throws NullPointerException if an argument or an item is null
   * @since 0.1
   */
  public static TagPage of(List<String> items, Optional<String> next) {
    return new TagPage(items, Objects.requireNonNull(next, "next").orElse(null));
  }

  /**
   * {@return the tags (or repositories) on this page, in the registry's order}
   *
   * @since 0.1
   */
  public List<String> items() {
    return items;
  }

  /**
   * {@return the {@code last} value that asks for the next page, or empty on the last page}
   *
   * @since 0.1
   */
  public Optional<String> next() {
    return Optional.ofNullable(next);
  }

  /**
   * {@return the same as {@link #next()}}
   *
   * @deprecated use {@link #next()}, which names it as the page does
   * @since 0.1
   */
  @Deprecated(since = "0.1")
  public Optional<String> nextLast() {
    return next();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof TagPage other && items.equals(other.items) && Objects.equals(next, other.next);
  }

  @Override
  public int hashCode() {
    return Objects.hash(items, next);
  }

  @Override
  public String toString() {
    return "TagPage" + items + (next == null ? " (last)" : " (next after " + next + ")");
  }
}
