package dev.ferry.reference;

/** Helpers for putting untrusted input into exception messages. */
final class Texts {
  /** Longest slice of an input shown in a message; the rest is elided. */
  static final int MAX_SHOWN = 300;

  private Texts() {}

  /**
   * Makes untrusted input safe to print: control characters escaped, quotes
   * escaped, long input cut with its length stated.
   */
  static String quoteInput(String input) {
    StringBuilder sb = new StringBuilder(Math.min(input.length(), MAX_SHOWN) + 16);
    int shown = Math.min(input.length(), MAX_SHOWN);
    for (int i = 0; i < shown; i++) {
      char c = input.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    if (shown < input.length()) {
      sb.append("...(").append(input.length()).append(" characters)");
    }
    return sb.toString();
  }
}
