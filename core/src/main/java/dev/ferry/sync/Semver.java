package dev.ferry.sync;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semantic version read from a tag: {@code 1.2.3}, {@code v1.2.3-rc.1+build}, and the
 * short forms image tags use ({@code 1.27}, {@code 3}), whose missing parts count as 0.
 * Precedence is SemVer 2.0's: build metadata is ignored, a pre-release sorts before its release.
 */
record Semver(long major, long minor, long patch, List<String> prerelease) implements Comparable<Semver> {
  private static final Pattern TAG = Pattern.compile(
      "[vV]?(\\d{1,18})(?:\\.(\\d{1,18}))?(?:\\.(\\d{1,18}))?(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?"
          + "(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?");

  Semver {
    prerelease = List.copyOf(prerelease);
  }

  static Semver of(long major, long minor, long patch) {
    return new Semver(major, minor, patch, List.of());
  }

  /** The version a tag names, or empty when the tag is not a version. */
  static Optional<Semver> parseTag(String tag) {
    Matcher m = TAG.matcher(tag);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new Semver(Long.parseLong(m.group(1)), number(m.group(2)), number(m.group(3)),
        m.group(4) == null ? List.of() : List.of(m.group(4).split("\\."))));
  }

  private static long number(String part) {
    return part == null ? 0 : Long.parseLong(part);
  }

  boolean isPrerelease() {
    return !prerelease.isEmpty();
  }

  boolean sameRelease(Semver other) {
    return major == other.major && minor == other.minor && patch == other.patch;
  }

  Semver withPrerelease(String... ids) {
    return new Semver(major, minor, patch, List.of(ids));
  }

  @Override
  public int compareTo(Semver o) {
    int c = Long.compare(major, o.major);
    c = c != 0 ? c : Long.compare(minor, o.minor);
    c = c != 0 ? c : Long.compare(patch, o.patch);
    if (c != 0) {
      return c;
    }
    if (prerelease.isEmpty() || o.prerelease.isEmpty()) {
      return Boolean.compare(prerelease.isEmpty(), o.prerelease.isEmpty());
    }
    for (int i = 0; i < Math.min(prerelease.size(), o.prerelease.size()); i++) {
      c = compareIdentifier(prerelease.get(i), o.prerelease.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(prerelease.size(), o.prerelease.size());
  }

  /** Numeric identifiers compare as numbers and sort before alphanumeric ones. */
  private static int compareIdentifier(String a, String b) {
    boolean an = a.chars().allMatch(Character::isDigit);
    boolean bn = b.chars().allMatch(Character::isDigit);
    if (an && bn) {
      return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }
    return an ? -1 : bn ? 1 : a.compareTo(b);
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch + (prerelease.isEmpty() ? "" : "-" + String.join(".", prerelease));
  }
}
