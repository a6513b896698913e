package dev.ferry.manifest;

import java.util.Comparator;

/**
 * Decides which platforms are acceptable and which of them is best, as
 * containerd does. It is a {@link Comparator} that orders the best candidate first.
 *
 * <p>SKELETON: the containerd-compatible matchers are being written.
 *
 * <p>Thread-safety: implementations are immutable and thread-safe.
 *
 * @since 0.1
 */
public interface PlatformMatcher extends Comparator<Platform> {
  /** Whether a platform is acceptable. */
  boolean matches(Platform platform);

  /** Orders acceptable platforms best first: negative when {@code a} is the better candidate. */
  @Override
  int compare(Platform a, Platform b);

  /** Matches the host platform and every platform it can run. */
  static PlatformMatcher compatible(Platform host) {
    return strict(host);
  }

  /** Matches only the given platform (after normalisation). */
  static PlatformMatcher strict(Platform platform) {
    Platform want = platform.normalize();
    return new PlatformMatcher() {
      @Override
      public boolean matches(Platform p) {
        return p.normalize().equals(want);
      }

      @Override
      public int compare(Platform a, Platform b) {
        return Boolean.compare(matches(b), matches(a));
      }
    };
  }
}
