package dev.ferry.manifest;

import java.util.ArrayList;
import java.util.List;

/**
 * One entry of a matcher: containerd's {@code NewMatcher}. A candidate matches when, after
 * normalisation, its OS, architecture and variant equal the target's, its OS features are a
 * subset of the target's, and, for a Windows target, its {@code os.version} is one the target's
 * version can run.
 */
final class PlatformTarget {
  /** The Windows feature containerd ignores on candidates, because older releases never compared it. */
  static final String WIN32K = "win32k";

  private final Platform want;
  private final boolean windows;
  private final PlatformWindowsVersion hostVersion;

  PlatformTarget(Platform platform) {
    this.want = platform.normalize();
    this.windows = want.os().equals("windows");
    this.hostVersion = windows
        ? PlatformWindowsVersion.parse(want.osVersion().orElse(""))
        : PlatformWindowsVersion.NONE;
  }

  /** The normalised platform this entry stands for. */
  Platform platform() {
    return want;
  }

  /** Whether ties between matching candidates are broken by the higher Windows revision. */
  boolean ranksByRevision() {
    return windows;
  }

  /**
   * Whether {@code candidate} matches.
   *
   * @param candidate the platform as written
   * @param normalized {@code candidate.normalize()}, computed once by the caller
   */
  boolean matches(Platform candidate, Platform normalized) {
    if (candidate.os().isEmpty() || candidate.architecture().isEmpty()) {
      return false;
    }
    if (!want.os().equals(normalized.os())
        || !want.architecture().equals(normalized.architecture())
        || !want.variant().equals(normalized.variant())) {
      return false;
    }
    if (windows && !osVersionMatches(candidate.osVersion().orElse(""))) {
      return false;
    }
    return featuresMatch(normalized.osFeatures());
  }

  private boolean osVersionMatches(String candidateVersion) {
    // No host version, or a candidate without one (HostProcess images), matches any build.
    if (hostVersion.isNone() || candidateVersion.isEmpty()) {
      return true;
    }
    return hostVersion.canRun(PlatformWindowsVersion.parse(candidateVersion));
  }

  private boolean featuresMatch(List<String> candidateFeatures) {
    if (candidateFeatures.isEmpty()) {
      return true;
    }
    List<String> required = candidateFeatures;
    if (windows && candidateFeatures.contains(WIN32K)) {
      required = new ArrayList<>(candidateFeatures);
      required.remove(WIN32K);
    }
    return want.osFeatures().containsAll(required);
  }

  @Override
  public String toString() {
    return want.toString();
  }
}
