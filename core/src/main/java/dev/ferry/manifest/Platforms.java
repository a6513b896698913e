package dev.ferry.manifest;

/** Helpers for showing platforms in messages. */
final class Platforms {
  private Platforms() {}

  /** The platform's own text, with the OS version (Windows) added when that text leaves it out. */
  static String describe(Platform platform) {
    String text = platform.toString();
    return platform.osVersion().filter(v -> !text.contains(v)).map(v -> text + " (os.version " + v + ")")
        .orElse(text);
  }
}
