package dev.ferry.manifest;

/** Makes untrusted text safe to put into an exception message. */
final class Texts {
  /** Longest slice of an input shown in a message; the rest is elided with its length. */
  static final int MAX_SHOWN = 200;

  private Texts() {}

  /** Quotes untrusted text: quotes and backslashes and control characters escaped, long text cut. */
  static String quote(String text) {
    StringBuilder sb = new StringBuilder(Math.min(text.length(), MAX_SHOWN) + 16).append('"');
    int shown = Math.min(text.length(), MAX_SHOWN);
    for (int i = 0; i < shown; i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    sb.append('"');
    if (shown < text.length()) {
      sb.append("...(").append(text.length()).append(" characters)");
    }
    return sb.toString();
  }
}
