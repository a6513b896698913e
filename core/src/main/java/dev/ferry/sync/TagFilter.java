package dev.ferry.sync;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which tags of a source repository a {@link Mirror} copies. A filter picks from the
 * whole listing, so {@link #newest(int)} can rank: {@code a.and(b)} keeps what both pick,
 * {@code a.or(b)} what either picks, {@code a.not()} the rest, {@code a.newest(n)} the
 * {@code n} highest of what {@code a} picks.
 *
 * <pre>{@code
 * TagFilter.matching("^v[0-9.]+$").and(TagFilter.semver(">=1.4.0")).newest(10)
 * }</pre>
 *
 * <p>Tags that are not images are left out unless asked for with
 * {@link #includingArtifactTags()}: digest-only tags ({@code sha256-<hex>}, the referrers
 * tag fallback) and signature tags ({@code .sig}, {@code .att}, {@code .sbom}, cosign's);
 * copy those with their image through {@link MirrorBuilder#referrers(boolean)}.
 *
 * <p>Thread-safety: immutable.
 *
 * @since 0.1
 */
public final class TagFilter {
  private static final Pattern ARTIFACT = Pattern.compile("sha256-[0-9a-f]{64}(?:\\..*)?|.*\\.(?:sig|att|sbom)");
  private static final TagFilter ALL = new TagFilter("all()", tags -> tags, false);

  private final String description;
  private final UnaryOperator<List<String>> pick;
  private final boolean artifacts;

  private TagFilter(String description, UnaryOperator<List<String>> pick, boolean artifacts) {
    this.description = description;
    this.pick = pick;
    this.artifacts = artifacts;
  }

  /**
   * {@return every image tag}
   *
   * @since 0.1
   */
  public static TagFilter all() {
    return ALL;
  }

  /**
   * Tags that the regular expression matches as a whole ({@code ^} and {@code $} are implied).
   *
   * @param regex a {@link java.util.regex.Pattern} expression, e.g. {@code ^v[0-9.]+$}
   * @return the filter
   * @throws InvalidTagFilterException if the expression does not compile
   * @since 0.1
   */
  public static TagFilter matching(String regex) {
    Objects.requireNonNull(regex, "regex");
    Pattern pattern;
    try {
      pattern = Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new InvalidTagFilterException("tag pattern", regex, e.getDescription(), e);
    }
    return new TagFilter("matching(" + regex + ")",
        tags -> tags.stream().filter(t -> pattern.matcher(t).matches()).toList(), false);
  }

  /**
   * Tags that are semantic versions (an optional leading {@code v}; {@code 1.27} counts as
   * {@code 1.27.0}) inside an npm-style range: {@code >=1.4.0}, {@code >=1.2 <2}, {@code ^1.2},
   * {@code ~1.2.3}, {@code 1.x}, {@code 1.2 - 1.4}, joined with {@code ||}. Pre-releases
   * ({@code 2.0.0-rc.1}) only when the range names a pre-release of the same version.
   *
   * @param range the range
   * @return the filter
   * @throws InvalidTagFilterException if the range is not in that grammar
   * @since 0.1
   */
  public static TagFilter semver(String range) {
    SemverRange parsed = SemverRange.parse(Objects.requireNonNull(range, "range"));
    return new TagFilter("semver(" + range + ")",
        tags -> tags.stream().filter(t -> Semver.parseTag(t).map(parsed::test).orElse(false)).toList(), false);
  }

  /**
   * Tags both filters pick.
   *
   * @param other the other filter
   * @return the filter
   * @since 0.1
   */
  public TagFilter and(TagFilter other) {
    Objects.requireNonNull(other, "other");
    return new TagFilter("(" + description + " and " + other.description + ")", tags -> {
      Set<String> theirs = Set.copyOf(other.pick.apply(tags));
      return pick.apply(tags).stream().filter(theirs::contains).toList();
    }, artifacts || other.artifacts);
  }

  /**
   * Tags either filter picks.
   *
   * @param other the other filter
   * @return the filter
   * @since 0.1
   */
  public TagFilter or(TagFilter other) {
    Objects.requireNonNull(other, "other");
    return new TagFilter("(" + description + " or " + other.description + ")", tags -> {
      Set<String> either = new LinkedHashSet<>(pick.apply(tags));
      either.addAll(other.pick.apply(tags));
      return tags.stream().filter(either::contains).toList();
    }, artifacts || other.artifacts);
  }

  /**
   * {@return the image tags this filter does not pick}
   *
   * @since 0.1
   */
  public TagFilter not() {
    return new TagFilter("not " + description, tags -> {
      Set<String> picked = Set.copyOf(pick.apply(tags));
      return tags.stream().filter(t -> !picked.contains(t)).toList();
    }, artifacts);
  }

  /**
   * The {@code count} newest of the tags this filter picks: highest semantic version
   * first, then (for equal versions and for tags that are not versions, which rank below
   * every version) by name, last in alphabetical order first.
   *
   * @param count at least 1
   * @return the filter
   * @throws IllegalArgumentException if {@code count < 1}
   * @since 0.1
   */
  public TagFilter newest(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("newest(n) needs n of at least 1: " + count);
    }
    return new TagFilter(description + ".newest(" + count + ")", tags -> {
      List<String> ranked = new ArrayList<>(pick.apply(tags));
      ranked.sort(NEWEST_FIRST);
      Set<String> kept = Set.copyOf(ranked.subList(0, Math.min(count, ranked.size())));
      return tags.stream().filter(kept::contains).toList();
    }, artifacts);
  }

  /**
   * The same filter, with digest-only and signature tags no longer left out beforehand.
   *
   * @return the filter
   * @since 0.1
   */
  public TagFilter includingArtifactTags() {
    return new TagFilter(description + ".includingArtifactTags()", pick, true);
  }

  /**
   * The tags this filter picks from a listing, in listing order, each once.
   *
   * @param tags a repository's tags
   * @return the picked tags
   * @since 0.1
   */
  public List<String> select(Collection<String> tags) {
    List<String> distinct = List.copyOf(new LinkedHashSet<>(Objects.requireNonNull(tags, "tags")));
    List<String> images = artifacts ? distinct : distinct.stream().filter(t -> !isArtifactTag(t)).toList();
    return List.copyOf(pick.apply(images));
  }

  boolean includesArtifactTags() {
    return artifacts;
  }

  /** Whether a tag names a signature, attestation, SBOM or a digest rather than an image. */
  static boolean isArtifactTag(String tag) {
    return ARTIFACT.matcher(tag).matches();
  }

  private static final Comparator<String> NEWEST_FIRST = Comparator
      .comparing((String t) -> Semver.parseTag(t), Comparator.comparing((Optional<Semver> v) -> v.isPresent())
          .thenComparing(v -> v.orElse(Semver.of(0, 0, 0))))
      .thenComparing(Comparator.naturalOrder())
      .reversed();

  @Override
  public String toString() {
    return description;
  }
}
