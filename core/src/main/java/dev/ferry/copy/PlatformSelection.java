package dev.ferry.copy;

import dev.ferry.manifest.Platform;
import dev.ferry.manifest.PlatformMatcher;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Which platforms of a multi-platform index a copy takes. A single-platform
 * source is copied as it is, whatever the selection.
 *
 * <pre>{@code
 * PlatformSelection.all()
 * PlatformSelection.only(Platform.parse("linux/amd64"), Platform.parse("linux/arm64"))
 * PlatformSelection.current()
 * PlatformSelection.matching(p -> p.os().equals("linux"))
 * }</pre>
 *
 * <p>Thread-safety: immutable.
 *
 * @since 0.1
 */
public final class PlatformSelection {
  private static final PlatformSelection ALL = new PlatformSelection("all platforms", PlatformMatcher.any(), p -> true, true);

  private final String description;
  private final PlatformMatcher best;
  private final Predicate<Platform> filter;
  private final boolean all;

  private PlatformSelection(String description, PlatformMatcher best, Predicate<Platform> filter, boolean all) {
    this.description = description;
    this.best = best;
    this.filter = filter;
    this.all = all;
  }

  /**
   * {@return every platform}
   *
   * @since 0.1
   */
  public static PlatformSelection all() {
    return ALL;
  }

  /**
   * These platforms, compared after normalisation ({@code linux/arm64} is {@code linux/arm64/v8}).
   * For {@link IndexMode#SINGLE_PLATFORM}, the first listed platform with a compatible
   * child wins, as containerd picks for a host.
   *
   * @param platforms one or more platforms
   * @return the selection
   * @throws IllegalArgumentException if no platform is given
   * @since 0.1
   */
  public static PlatformSelection only(Platform... platforms) {
    List<Platform> list = Arrays.asList(platforms.clone());
    if (list.isEmpty()) {
      throw new IllegalArgumentException("select at least one platform");
    }
    list.forEach(p -> Objects.requireNonNull(p, "platform"));
    List<Platform> normalised = list.stream().map(Platform::normalize).toList();
    return new PlatformSelection("only " + list, PlatformMatcher.anyOf(list),
        p -> normalised.contains(p.normalize()), false);
  }

  /**
   * {@return the platform of this JVM's host ({@link Platform#current()})}
   *
   * @since 0.1
   */
  public static PlatformSelection current() {
    Platform host = Platform.current();
    Platform normalised = host.normalize();
    return new PlatformSelection("the current platform " + host, PlatformMatcher.compatible(host),
        p -> p.normalize().equals(normalised), false);
  }

  /**
   * The platforms a predicate accepts; for {@link IndexMode#SINGLE_PLATFORM} the first
   * accepted child in index order.
   *
   * @param predicate which platforms to take
   * @return the selection
   * @since 0.1
   */
  public static PlatformSelection matching(Predicate<Platform> predicate) {
    Objects.requireNonNull(predicate, "predicate");
    PlatformMatcher matcher = new PlatformMatcher() {
      @Override
      public boolean matches(Platform platform) {
        return predicate.test(platform);
      }

      @Override
      public int compare(Platform a, Platform b) {
        return Boolean.compare(predicate.test(b), predicate.test(a));
      }

      @Override
      public String toString() {
        return "platforms matching a predicate";
      }
    };
    return new PlatformSelection("platforms matching a predicate", matcher, predicate, false);
  }

  /**
   * {@return whether this selects every platform}
   *
   * @since 0.1
   */
  public boolean isAll() {
    return all;
  }

  /**
   * Whether a child of an index is taken (by {@link IndexMode#FILTERED}).
   *
   * @param platform the child's platform
   * @return true if selected
   * @since 0.1
   */
  public boolean selects(Platform platform) {
    return filter.test(platform);
  }

  /**
   * {@return the matcher that ranks children for {@link IndexMode#SINGLE_PLATFORM}}
   *
   * @since 0.1
   */
  public PlatformMatcher bestMatch() {
    return all ? PlatformMatcher.compatible(Platform.current()) : best;
  }

  @Override
  public String toString() {
    return description;
  }
}
