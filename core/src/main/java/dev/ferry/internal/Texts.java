package dev.ferry.internal;

/**
 * Puts untrusted text (a reference, a media type, a field of a manifest) into an
 * exception message safely: control characters cannot forge log lines, quotes
 * cannot break out of the quoting, and huge input cannot bloat the message.
 */
public final class Texts {
  /** Longest slice of an input shown in a message; the rest is elided with its length stated. */
  public static final int MAX_SHOWN = 200;

  private Texts() {}

  /**
   * Escapes quotes, backslashes and control characters and cuts long text.
   *
   * @param text untrusted text
   * @return the text, safe to print between quotes
   */
  public static String escape(String text) {
    int shown = Math.min(text.length(), MAX_SHOWN);
    StringBuilder sb = new StringBuilder(shown + 24);
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
    if (shown < text.length()) {
      sb.append("...(").append(text.length()).append(" characters)");
    }
    return sb.toString();
  }

  /**
   * Like {@link #escape(String)}, between double quotes.
   *
   * @param text untrusted text
   * @return {@code "text"}, escaped
   */
  public static String quote(String text) {
    return '"' + escape(text) + '"';
  }

  /**
   * A failure's message for another message or a report. Ferry's own exceptions always carry
   * one; a failure without a message is named by its type instead.
   *
   * @param failure the failure
   * @return its message, never null
   */
  public static String messageOf(Throwable failure) {
    String message = failure.getMessage();
    return message != null ? message : failure.getClass().getName();
  }
}
