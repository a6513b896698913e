package dev.ferry.manifest;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Decides which platforms are acceptable and which of them is best, as containerd's
 * {@code platforms.MatchComparer} does. It is a {@link Comparator} that orders the best candidate
 * first and every acceptable platform before every unacceptable one, so sorting the platforms of
 * an image index with it puts the one to pull at the front.
 *
 * <pre>{@code
 * PlatformMatcher runs = PlatformMatcher.compatible(Platform.parse("linux/arm/v7"));
 * runs.matches(Platform.parse("linux/arm/v6"));           // true
 * runs.matches(Platform.parse("linux/arm64"));            // false
 * platforms.sort(runs);                                   // linux/arm/v7 first, then v6, v5
 * }</pre>
 *
 * <p>Matchers never throw on odd platforms read from a manifest (an empty OS, an unknown
 * architecture): such platforms simply do not match. {@code toString()} describes the matcher
 * for error messages, e.g. {@code compatible with linux/arm/v7}.
 *
 * <p>Thread-safety: the matchers returned by the factories here are immutable and thread-safe.
 *
 * @since 0.1
 */
public interface PlatformMatcher extends Comparator<Platform> {
  /**
   * Whether a platform is acceptable.
   *
   * @param platform the candidate, as written in a manifest
   * @return true when it is acceptable
   * @throws NullPointerException if {@code platform} is null
   * @since 0.1
   */
  boolean matches(Platform platform);

  /**
   * Orders platforms best first: every acceptable platform before every unacceptable one, and
   * among acceptable ones the better candidate first.
   *
   * @param a a candidate
   * @param b another candidate
   * @return negative when {@code a} is the better candidate, positive when {@code b} is, zero
   *     when neither is preferred
   * @throws NullPointerException if an argument is null
   * @since 0.1
   */
  @Override
  int compare(Platform a, Platform b);

  /**
   * The host platform and every platform it can run (containerd's {@code Only}), best first:
   * <ul>
   *   <li>the host itself, then its lower variants: {@code arm/v7} also runs {@code arm/v6} and
   *       {@code arm/v5}; {@code amd64/v3} runs {@code amd64/v2} and {@code amd64};
   *   <li>{@code amd64} also runs {@code 386}; {@code arm64} also runs {@code arm/v8} down to
   *       {@code arm/v5}; {@code arm64/v9.x} runs {@code arm64/v9} and {@code arm64/v8.(x+5)} and
   *       below;
   *   <li>for a Windows host with an {@code os.version}, a candidate must have the same
   *       major.minor and a build the host can run (the same build before Windows Server 2022;
   *       from it on, the stable-ABI LTSC builds up to the host's); a candidate without an
   *       {@code os.version} matches any build. Among equally good candidates the higher
   *       revision ranks first;
   *   <li>a candidate's OS features must be among the host's ({@code win32k} is ignored for
   *       Windows); with equal rank, more features rank first.
   * </ul>
   *
   * @param host the host, e.g. {@link Platform#current()}; normalised first
   * @return the matcher, described as {@code compatible with <host>}
   * @throws NullPointerException if {@code host} is null
   * @since 0.1
   */
  static PlatformMatcher compatible(Platform host) {
    Objects.requireNonNull(host, "host");
    Platform normalized = host.normalize();
    return PlatformRankedMatcher.of(PlatformVector.of(normalized),
        "compatible with " + normalized);
  }

  /**
   * Only the given platform, in any equivalent spelling (containerd's {@code OnlyStrict}):
   * {@code strict(linux/arm/v7)} matches {@code linux/arm} and {@code linux/armhf} but not
   * {@code linux/arm/v6}; {@code strict(linux/amd64)} does not match {@code linux/386}. The
   * Windows {@code os.version} and OS feature rules of {@link #compatible(Platform)} apply.
   *
   * @param platform the platform to accept; normalised first
   * @return the matcher, described as {@code exactly <platform>}
   * @throws NullPointerException if {@code platform} is null
   * @since 0.1
   */
  static PlatformMatcher strict(Platform platform) {
    Objects.requireNonNull(platform, "platform");
    Platform normalized = platform.normalize();
    return PlatformRankedMatcher.of(List.of(normalized), "exactly " + normalized);
  }

  /**
   * Matches every platform, with no preference: sorting with it keeps the original order.
   *
   * @return the matcher, described as {@code any platform}
   * @since 0.1
   */
  static PlatformMatcher any() {
    return PlatformAnyMatcher.INSTANCE;
  }

  /**
   * Matches a platform when any of the given platforms' {@link #compatible(Platform)} matchers
   * matches it. Platforms accepted by an earlier-listed matcher rank first; among those accepted
   * by the same first matcher, that matcher's order applies. An empty collection matches nothing.
   *
   * @param platforms the wanted platforms, most preferred first
   * @return the matcher, described as {@code compatible with any of [<platforms>]}
   * @throws NullPointerException if {@code platforms} or one of its elements is null
   * @since 0.1
   */
  static PlatformMatcher anyOf(Collection<Platform> platforms) {
    Objects.requireNonNull(platforms, "platforms");
    return PlatformRankedMatcher.anyOf(List.copyOf(platforms));
  }

  /**
   * Same as {@link #anyOf(Collection)}.
   *
   * @param platforms the wanted platforms, most preferred first
   * @return the matcher
   * @throws NullPointerException if {@code platforms} or one of its elements is null
   * @since 0.1
   */
  static PlatformMatcher anyOf(Platform... platforms) {
    Objects.requireNonNull(platforms, "platforms");
    return anyOf(List.of(platforms));
  }
}
