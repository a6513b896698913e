package dev.ferry.auth;

import java.util.Objects;
import java.util.Optional;

/** Checks and prints a credential's source; shared by the credential records. Stateless. */
final class CredentialSources {
  /** Longest source kept: a path and an entry key fit; a provider cannot bloat every error message. */
  static final int MAX_LENGTH = 400;

  private CredentialSources() {}

  /** The source as messages print it: stripped, control characters escaped (no forged log lines), bounded. */
  static Optional<String> of(String source) {
    Objects.requireNonNull(source, "source");
    if (source.isBlank()) {
      throw new IllegalArgumentException("a credential source must not be blank");
    }
    String text = source.strip();
    StringBuilder sb = new StringBuilder(Math.min(text.length(), MAX_LENGTH) + 16);
    for (int i = 0; i < text.length() && sb.length() < MAX_LENGTH; i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    if (sb.length() >= MAX_LENGTH && text.length() > MAX_LENGTH) {
      sb.append("...");
    }
    return Optional.of(sb.toString());
  }

  /** {@code ", source=..."}, or nothing when there is none. */
  static String text(Optional<String> source) {
    return source.map(s -> ", source=" + s).orElse("");
  }
}
