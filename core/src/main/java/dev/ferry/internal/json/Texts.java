package dev.ferry.internal.json;

/** Makes text from untrusted input safe to put into a message. */
final class Texts {
  private static final int MAX_SHOWN = 200;

  private Texts() {}

  /** Escapes control characters and cuts long text, stating its length. */
  static String safe(String text) {
    StringBuilder sb = new StringBuilder(Math.min(text.length(), MAX_SHOWN) + 16);
    int shown = Math.min(text.length(), MAX_SHOWN);
    for (int i = 0; i < shown; i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    if (shown < text.length()) {
      sb.append("...(").append(text.length()).append(" characters)");
    }
    return sb.toString();
  }
}
