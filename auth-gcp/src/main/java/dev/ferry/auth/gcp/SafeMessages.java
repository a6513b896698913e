package dev.ferry.auth.gcp;

import java.util.Locale;

/** The part of a library's failure message that can go into ours: bounded, and never key material. */
final class SafeMessages {
  private static final int MAX_LENGTH = 300;

  private SafeMessages() {}

  static String of(Throwable e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return e.getClass().getSimpleName();
    }
    String lower = message.toLowerCase(Locale.ROOT);
    // a JSON parser may quote the input it choked on, and that input may be a key file
    if (lower.contains("private") || lower.contains("begin ") || lower.contains("access_token")
        || lower.contains("assertion")) {
      return e.getClass().getSimpleName();
    }
    String line = message.replace('\n', ' ').replace('\r', ' ');
    return line.length() <= MAX_LENGTH ? line : line.substring(0, MAX_LENGTH) + "...";
  }
}
