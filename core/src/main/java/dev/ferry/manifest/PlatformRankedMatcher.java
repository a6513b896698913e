package dev.ferry.manifest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An ordered list of targets: containerd's {@code Ordered}. A candidate matches when any target
 * does; it ranks by the first target it matches, then (within one target) by the higher Windows
 * revision for Windows targets, then by more OS features. Candidates that match nothing come
 * last, ordered among themselves as they would be with their OS features removed.
 */
final class PlatformRankedMatcher implements PlatformMatcher {
  private final List<PlatformTarget> targets;
  private final String description;

  private PlatformRankedMatcher(List<PlatformTarget> targets, String description) {
    this.targets = targets;
    this.description = description;
  }

  /** A matcher over the given platforms, in order; duplicates after the first are dropped. */
  static PlatformRankedMatcher of(List<Platform> platforms, String description) {
    Set<Platform> distinct = new LinkedHashSet<>();
    for (Platform p : platforms) {
      distinct.add(p.normalize());
    }
    List<PlatformTarget> targets = new ArrayList<>(distinct.size());
    for (Platform p : distinct) {
      targets.add(new PlatformTarget(p));
    }
    return new PlatformRankedMatcher(List.copyOf(targets), description);
  }

  /** The concatenated vectors of each platform: earlier platforms' matches rank first. */
  static PlatformRankedMatcher anyOf(List<Platform> platforms) {
    List<Platform> all = new ArrayList<>();
    for (Platform p : platforms) {
      all.addAll(PlatformVector.of(p.normalize()));
    }
    String names = platforms.stream().map(p -> p.normalize().toString())
        .collect(Collectors.joining(", ", "[", "]"));
    return of(all, "compatible with any of " + names);
  }

  @Override
  public boolean matches(Platform platform) {
    Objects.requireNonNull(platform, "platform");
    return rank(platform, platform.normalize()) >= 0;
  }

  @Override
  public int compare(Platform a, Platform b) {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    int ra = rank(a, a.normalize());
    int rb = rank(b, b.normalize());
    if (ra >= 0 && rb >= 0) {
      return ra != rb ? Integer.compare(ra, rb) : tieBreak(targets.get(ra), a, b);
    }
    if (ra >= 0 || rb >= 0) {
      return ra >= 0 ? -1 : 1;
    }
    if (a.osFeatures().isEmpty() && b.osFeatures().isEmpty()) {
      return 0;
    }
    return compare(withoutFeatures(a), withoutFeatures(b));
  }

  @Override
  public String toString() {
    return description;
  }

  /** Index of the first matching target, or -1. */
  private int rank(Platform raw, Platform normalized) {
    for (int i = 0; i < targets.size(); i++) {
      if (targets.get(i).matches(raw, normalized)) {
        return i;
      }
    }
    return -1;
  }

  private static int tieBreak(PlatformTarget target, Platform a, Platform b) {
    if (target.ranksByRevision()) {
      long revA = PlatformWindowsVersion.revision(a.osVersion().orElse(""));
      long revB = PlatformWindowsVersion.revision(b.osVersion().orElse(""));
      if (revA != revB) {
        return Long.compare(revB, revA);
      }
    }
    return Integer.compare(b.osFeatures().size(), a.osFeatures().size());
  }

  private static Platform withoutFeatures(Platform p) {
    return Platform.of(p.os(), p.architecture(), p.variant().orElse(""),
        p.osVersion().orElse(""), List.of());
  }
}
