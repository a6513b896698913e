package dev.ferry.internal.auth.config;

import org.jspecify.annotations.Nullable;

/**
 * Host matching as kubelet does it for pull secret keys: the ports must be equal, the
 * hosts must have as many dot-separated labels, and each label of the key is a glob
 * ({@code *}, {@code ?}, {@code [a-z]}, {@code [^0-9]}, {@code \}-escapes) for the
 * label of the registry. A malformed glob matches nothing.
 */
final class HostGlob {
  private static final int BAD_PATTERN = -2;
  private static final int NO_MATCH = -1;

  private HostGlob() {}

  static boolean matches(String pattern, String host) {
    String[] p = splitPort(pattern);
    String[] h = splitPort(host);
    if (!p[1].equals(h[1])) {
      return false;
    }
    String[] patternLabels = p[0].split("\\.", -1);
    String[] hostLabels = h[0].split("\\.", -1);
    if (patternLabels.length != hostLabels.length) {
      return false;
    }
    for (int i = 0; i < patternLabels.length; i++) {
      if (!glob(patternLabels[i], hostLabels[i])) {
        return false;
      }
    }
    return true;
  }

  /** {host, port}; the port is empty when there is none. */
  private static String[] splitPort(String hostPort) {
    if (hostPort.startsWith("[")) {
      int end = hostPort.indexOf(']');
      // an IPv6 literal: compared without its brackets, so they are not read as a glob class
      if (end > 0 && hostPort.startsWith(":", end + 1)) {
        return new String[] {hostPort.substring(1, end), hostPort.substring(end + 2)};
      }
      return new String[] {end > 0 && end == hostPort.length() - 1 ? hostPort.substring(1, end) : hostPort, ""};
    }
    int colon = hostPort.lastIndexOf(':');
    if (colon < 0 || hostPort.indexOf(':') != colon) {
      return new String[] {hostPort, ""};
    }
    return new String[] {hostPort.substring(0, colon), hostPort.substring(colon + 1)};
  }

  /** Glob match with backtracking to the last star only: linear in practice, never exponential. */
  static boolean glob(String pattern, String text) {
    int pi = 0;
    int ti = 0;
    int starPattern = -1;
    int starText = -1;
    while (ti < text.length()) {
      if (pi < pattern.length() && pattern.charAt(pi) == '*') {
        starPattern = pi++;
        starText = ti;
        continue;
      }
      int next = pi < pattern.length() ? matchOne(pattern, pi, text.charAt(ti)) : NO_MATCH;
      if (next == BAD_PATTERN) {
        return false;
      }
      if (next >= 0) {
        pi = next;
        ti++;
      } else if (starPattern >= 0) {
        pi = starPattern + 1;
        ti = ++starText;
      } else {
        return false;
      }
    }
    while (pi < pattern.length() && pattern.charAt(pi) == '*') {
      pi++;
    }
    return pi == pattern.length();
  }

  /** Where the pattern continues after its element at {@code pi} matched {@code c}; or NO_MATCH / BAD_PATTERN. */
  private static int matchOne(String pattern, int pi, char c) {
    char p = pattern.charAt(pi);
    if (p == '?') {
      return pi + 1;
    }
    if (p == '\\') {
      if (pi + 1 >= pattern.length()) {
        return BAD_PATTERN;
      }
      return pattern.charAt(pi + 1) == c ? pi + 2 : NO_MATCH;
    }
    if (p != '[') {
      return p == c ? pi + 1 : NO_MATCH;
    }
    int i = pi + 1;
    boolean negated = i < pattern.length() && pattern.charAt(i) == '^';
    if (negated) {
      i++;
    }
    boolean matched = false;
    boolean first = true;
    while (true) {
      if (i >= pattern.length()) {
        return BAD_PATTERN;
      }
      if (pattern.charAt(i) == ']' && !first) {
        break;
      }
      first = false;
      int[] lo = literal(pattern, i);
      if (lo == null) {
        return BAD_PATTERN;
      }
      char high = (char) lo[0];
      i = lo[1];
      if (i < pattern.length() && pattern.charAt(i) == '-') {
        int[] hi = literal(pattern, i + 1);
        if (hi == null) {
          return BAD_PATTERN;
        }
        high = (char) hi[0];
        i = hi[1];
      }
      if (lo[0] <= c && c <= high) {
        matched = true;
      }
    }
    return matched != negated ? i + 1 : NO_MATCH;
  }

  /** {char, next index} of a class member, honouring {@code \} escapes; null if malformed. */
  private static int @Nullable [] literal(String pattern, int i) {
    if (i >= pattern.length()) {
      return null;
    }
    char c = pattern.charAt(i);
    if (c == '\\') {
      return i + 1 < pattern.length() ? new int[] {pattern.charAt(i + 1), i + 2} : null;
    }
    if (c == '-' || c == ']') {
      return null;
    }
    return new int[] {c, i + 1};
  }
}
