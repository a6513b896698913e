package dev.ferry.manifest;

/** Helpers for showing platforms in messages. */
final class Platforms {
  private Platforms() {}

  /** {@code os/arch[/variant]}, with the OS version when there is one (Windows). */
  static String describe(Platform platform) {
    return platform.toString() + platform.osVersion().map(v -> " (os.version " + v + ")").orElse("");
  }
}
