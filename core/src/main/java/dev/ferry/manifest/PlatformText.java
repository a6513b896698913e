package dev.ferry.manifest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

/** Text helpers for platforms: quoting input for messages, %-escapes, Go-compatible numbers. */
final class PlatformText {
  /** Orders strings by code point, which is the byte order Go uses to sort UTF-8 strings. */
  static final Comparator<String> CODE_POINT_ORDER = PlatformText::compareCodePoints;

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private PlatformText() {}

  /** Whether every character is one of {@code [A-Za-z0-9_-]}, plus {@code extra}. */
  static boolean isWord(String s, String extra) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '_' || c == '-' || extra.indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /**
   * Escapes an OS version or feature for the {@code os(version+feature)} form. Every character
   * that the specifier grammar does not allow there is written as %XX of its UTF-8 bytes, so the
   * result always parses back; containerd escapes a subset of these ({@code % + ( ) /}).
   */
  static String escapeOption(String value) {
    StringBuilder sb = new StringBuilder(value.length());
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c < 0x80 && c != '%' && isWord(String.valueOf(c), ".")) {
        sb.append(c);
      } else {
        sb.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
      }
    }
    return sb.toString();
  }

  /**
   * Undoes %XX escapes as Go's {@code url.PathUnescape} does ({@code +} stays a plus).
   *
   * @throws IllegalArgumentException if a {@code %} is not followed by two hex digits
   */
  static String unescapeOption(String value) {
    if (value.indexOf('%') < 0) {
      return value;
    }
    byte[] out = new byte[value.length()];
    int n = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '%') {
        int hi = i + 2 < value.length() ? Character.digit(value.charAt(i + 1), 16) : -1;
        int lo = hi >= 0 ? Character.digit(value.charAt(i + 2), 16) : -1;
        if (hi < 0 || lo < 0 || value.charAt(i + 1) > 0x7f || value.charAt(i + 2) > 0x7f) {
          throw new IllegalArgumentException("\"%\" must be followed by two hex digits");
        }
        out[n++] = (byte) ((hi << 4) | lo);
        i += 2;
      } else {
        out[n++] = (byte) c; // the grammar admits ASCII only here
      }
    }
    return new String(out, 0, n, StandardCharsets.UTF_8);
  }

  /**
   * Parses a decimal integer the way Go's {@code strconv.Atoi} does on 64-bit hosts: an optional
   * sign and ASCII digits only.
   */
  static OptionalLong parseDecimal(String s) {
    int i = 0;
    boolean negative = false;
    if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
      negative = s.charAt(0) == '-';
      i = 1;
    }
    if (i == s.length()) {
      return OptionalLong.empty();
    }
    long value = 0;
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return OptionalLong.empty();
      }
      if (value > (Long.MAX_VALUE - (c - '0')) / 10) {
        return OptionalLong.empty();
      }
      value = value * 10 + (c - '0');
    }
    return OptionalLong.of(negative ? -value : value);
  }

  /** Sorted by code point, duplicates removed, as containerd's {@code Normalize} does. */
  static List<String> sortedDistinct(List<String> values) {
    List<String> sorted = new ArrayList<>(values);
    sorted.sort(CODE_POINT_ORDER);
    List<String> out = new ArrayList<>(sorted.size());
    for (String s : sorted) {
      if (out.isEmpty() || !out.get(out.size() - 1).equals(s)) {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * Formats a platform as {@code os[(version[+feature...])]/arch[/variant]}. An empty OS is
   * shown as {@code unknown}, as containerd's {@code FormatAll} does.
   */
  static String format(Platform p) {
    StringBuilder sb = new StringBuilder(p.os().isEmpty() ? "unknown" : p.os());
    String version = p.osVersion().map(PlatformText::escapeOption).orElse("");
    StringBuilder features = new StringBuilder();
    for (String f : sortedDistinct(p.osFeatures())) {
      if (!f.isEmpty()) {
        features.append('+').append(escapeOption(f));
      }
    }
    if (!version.isEmpty() || features.length() > 0) {
      sb.append('(').append(version).append(features).append(')');
    }
    if (!p.architecture().isEmpty()) {
      sb.append('/').append(p.architecture());
    }
    p.variant().ifPresent(v -> sb.append('/').append(v));
    return sb.toString();
  }

  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }
}
