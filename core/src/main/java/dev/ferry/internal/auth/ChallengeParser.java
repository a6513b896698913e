package dev.ferry.internal.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Parses {@code WWW-Authenticate} values (RFC 9110 section 11.6.1):
 * <pre>
 * challenge  = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
 * auth-param = token BWS "=" BWS ( token / quoted-string )
 * </pre>
 * Several challenges may share one header line, separated by commas, and a
 * response may carry several lines. A comma both separates the params of one
 * challenge and starts the next challenge; what follows the comma decides: a
 * token then {@code =} is a param, a token then a space (or the end) is a scheme.
 *
 * <p>Registries send broken headers too, so this parser never throws: it is
 * lenient where the intent is clear (a missing comma between params, an unquoted
 * value holding {@code /} or {@code :}) and skips what it cannot read up to the
 * next comma (an unterminated quoted string ends the line). A param named twice
 * keeps its first value, as a param must occur once per challenge.
 *
 * <p>Thread-safety: stateless.
 */
public final class ChallengeParser {
  private ChallengeParser() {}

  /** Every challenge in the header lines, in order. */
  public static List<Challenge> parse(List<String> headerValues) {
    List<Challenge> all = new ArrayList<>();
    for (String value : headerValues) {
      if (value != null) {
        all.addAll(parse(value));
      }
    }
    return List.copyOf(all);
  }

  /** Every challenge in one header line, in order. */
  public static List<Challenge> parse(String headerValue) {
    return new Line(headerValue).challenges();
  }

  /** The state of parsing one line; used by one thread, once. */
  private static final class Line {
    private final String s;
    private int pos;
    private final List<Challenge> out = new ArrayList<>();
    private @Nullable String scheme;
    private @Nullable String token68;
    private final Map<String, String> params = new LinkedHashMap<>();

    Line(String s) {
      this.s = s;
    }

    List<Challenge> challenges() {
      while (true) {
        skipWhitespaceAndCommas();
        if (pos >= s.length()) {
          break;
        }
        String name = readToken();
        if (name.isEmpty()) {
          skipPastComma();
          continue;
        }
        int afterName = pos;
        skipWhitespace();
        if (peek() == '=') {
          if (scheme == null || token68 != null) {
            skipPastComma(); // a param without a scheme to belong to
          } else {
            pos++;
            readParam(name);
          }
          continue;
        }
        finishChallenge();
        scheme = name;
        if (afterName < s.length() && isWhitespace(s.charAt(afterName))) {
          tryToken68();
        }
      }
      finishChallenge();
      return List.copyOf(out);
    }

    private void readParam(String name) {
      skipWhitespace();
      String value;
      if (peek() == '"') {
        value = readQuoted();
        if (value == null) {
          pos = s.length(); // unterminated: nothing after it can be trusted
          return;
        }
      } else {
        value = readUnquoted();
      }
      params.putIfAbsent(name.toLowerCase(Locale.ROOT), value);
    }

    /** {@code Basic abc==}: token68 chars, optional trailing '=', then only the end or a comma. */
    private void tryToken68() {
      int start = pos;
      skipWhitespace();
      int begin = pos;
      while (pos < s.length() && isToken68Char(s.charAt(pos))) {
        pos++;
      }
      if (pos == begin) {
        pos = start;
        return;
      }
      while (pos < s.length() && s.charAt(pos) == '=') {
        pos++;
      }
      int end = pos;
      skipWhitespace();
      if (pos >= s.length() || s.charAt(pos) == ',') {
        token68 = s.substring(begin, end);
      } else {
        pos = start; // it was the first auth-param
      }
    }

    private void finishChallenge() {
      if (scheme != null) {
        out.add(new Challenge(scheme, params, token68));
      }
      scheme = null;
      token68 = null;
      params.clear();
    }

    private String readToken() {
      int begin = pos;
      while (pos < s.length() && isTokenChar(s.charAt(pos))) {
        pos++;
      }
      return s.substring(begin, pos);
    }

    /** A quoted-string without its quotes, escapes resolved; null when the closing quote is missing. */
    private @Nullable String readQuoted() {
      StringBuilder sb = new StringBuilder();
      pos++; // opening quote
      while (pos < s.length()) {
        char c = s.charAt(pos++);
        if (c == '"') {
          return sb.toString();
        }
        if (c == '\\' && pos < s.length()) {
          c = s.charAt(pos++);
        }
        sb.append(c);
      }
      return null;
    }

    /** A token by the grammar; leniently anything up to a comma or whitespace (unquoted URLs occur). */
    private String readUnquoted() {
      int begin = pos;
      while (pos < s.length() && s.charAt(pos) != ',' && !isWhitespace(s.charAt(pos)) && s.charAt(pos) != '"') {
        pos++;
      }
      return s.substring(begin, pos);
    }

    private void skipPastComma() {
      boolean quoted = false;
      int start = pos;
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (quoted && c == '\\') {
          pos++;
        } else if (c == '"') {
          quoted = !quoted;
        } else if (c == ',' && !quoted) {
          break;
        }
        pos++;
      }
      if (pos == start && pos < s.length()) {
        pos++;
      }
    }

    private void skipWhitespaceAndCommas() {
      while (pos < s.length() && (s.charAt(pos) == ',' || isWhitespace(s.charAt(pos)))) {
        pos++;
      }
    }

    private void skipWhitespace() {
      while (pos < s.length() && isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }

    private char peek() {
      return pos < s.length() ? s.charAt(pos) : '\0';
    }
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t';
  }

  /** tchar of RFC 9110 section 5.6.2. */
  static boolean isTokenChar(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
        || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }

  private static boolean isToken68Char(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~+/".indexOf(c) >= 0;
  }
}
