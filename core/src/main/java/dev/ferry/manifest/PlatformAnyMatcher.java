package dev.ferry.manifest;

import java.util.Objects;

/** {@link PlatformMatcher#any()}: containerd's {@code All}. */
final class PlatformAnyMatcher implements PlatformMatcher {
  static final PlatformAnyMatcher INSTANCE = new PlatformAnyMatcher();

  private PlatformAnyMatcher() {}

  @Override
  public boolean matches(Platform platform) {
    Objects.requireNonNull(platform, "platform");
    return true;
  }

  @Override
  public int compare(Platform a, Platform b) {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    return 0;
  }

  @Override
  public String toString() {
    return "any platform";
  }
}
