package dev.ferry.reference;

import dev.ferry.FerryLimits;
import dev.ferry.internal.Texts;

/**
 * The grammar of image references as {@code github.com/distribution/reference}
 * defines it, checked by hand-written scanners. Each check runs in time linear
 * in its (already length-capped) input and never backtracks, so hostile input
 * costs no more than ordinary input.
 *
 * <p>Every check throws {@link InvalidReferenceException} carrying {@code input},
 * the text the caller gave, and a reason that names the rule broken. Parts of
 * the input quoted in a reason are escaped and cut with {@link Texts#quoteInput}.
 *
 * <p>Thread-safety: stateless.
 */
final class ReferenceGrammar {
  /** The canonical Docker Hub domain in references. */
  static final String DOCKER_HUB = "docker.io";
  /** The historical Docker Hub domain, normalised to {@link #DOCKER_HUB}. */
  static final String LEGACY_DOCKER_HUB = "index.docker.io";
  /** The host that serves the Docker Hub registry API. */
  static final String DOCKER_HUB_API = "registry-1.docker.io";
  /** The namespace of Docker Hub's official images. */
  static final String OFFICIAL_PREFIX = "library/";
  /** The one dotless, portless, lowercase name that is always a registry. */
  static final String LOCALHOST = "localhost";

  private static final int IMAGE_ID_LENGTH = 64;

  private ReferenceGrammar() {}

  /** Refuses a part longer than {@code limit} before looking at any of its characters. */
  static void checkLength(String input, String part, String what, int limit) {
    if (part.length() > limit) {
      throw new InvalidReferenceException(input, what + " is too long: " + part.length()
          + " characters, at most " + limit + " allowed");
    }
  }

  /**
   * Refuses whitespace, control characters and anything outside ASCII: no part of
   * the grammar allows them, and naming them beats an "invalid character" later.
   */
  static void checkCharacters(String input, String part, String what) {
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        throw new InvalidReferenceException(input, what + " must not contain whitespace (found at index " + i + ")");
      }
      if (Character.isISOControl(c)) {
        throw new InvalidReferenceException(input, what + " must not contain control characters (found at index "
            + i + ")");
      }
      if (c > 0x7e) {
        throw new InvalidReferenceException(input, what + " must contain only ASCII characters (found "
            + String.format("U+%04X", (int) c) + " at index " + i + ")");
      }
    }
  }

  /** Checks an argument of a factory or {@code with} method: length first, then characters. */
  static void checkArgument(String value, String what) {
    checkLength(value, value, what, FerryLimits.MAX_REFERENCE_LENGTH);
    checkCharacters(value, value, what);
  }

  /** Whether the text is a bare image ID: exactly 64 lowercase hex digits. */
  static boolean isImageId(String text) {
    if (text.length() != IMAGE_ID_LENGTH) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (!isLowerHex(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the first {@code /}-separated component names a registry rather than
   * a Docker Hub namespace: it contains {@code .} or {@code :}, is
   * {@code localhost}, or has an uppercase letter (namespaces are lowercase).
   */
  static boolean looksLikeRegistry(String component) {
    if (component.equals(LOCALHOST)) {
      return true;
    }
    for (int i = 0; i < component.length(); i++) {
      char c = component.charAt(i);
      if (c == '.' || c == ':' || (c >= 'A' && c <= 'Z')) {
        return true;
      }
    }
    return false;
  }

  /**
   * Checks {@code host[:port]}: a domain name or a bracketed IPv6 address, then an
   * optional decimal port.
   */
  static void checkRegistry(String input, String registry) {
    if (registry.isEmpty()) {
      throw new InvalidReferenceException(input, "registry host is empty");
    }
    int portColon;
    if (registry.charAt(0) == '[') {
      int close = registry.indexOf(']');
      if (close < 0) {
        throw new InvalidReferenceException(input, "registry " + quote(registry)
            + " opens an IPv6 address with '[' but never closes it with ']'");
      }
      checkIpv6(input, registry, close);
      if (close + 1 == registry.length()) {
        return;
      }
      if (registry.charAt(close + 1) != ':') {
        throw new InvalidReferenceException(input, "registry " + quote(registry)
            + ": only ':port' may follow a bracketed IPv6 address");
      }
      portColon = close + 1;
    } else {
      portColon = registry.indexOf(':');
      checkDomainName(input, portColon < 0 ? registry : registry.substring(0, portColon));
      if (portColon < 0) {
        return;
      }
    }
    checkPort(input, registry.substring(portColon + 1));
  }

  /**
   * Checks a registry given on its own ({@code of}, {@code withRegistry}): the
   * {@code host[:port]} grammar, and that {@link ImageReference#parse} would read
   * it back as a registry, so every reference survives a round trip as text.
   */
  static void checkRegistryName(String input, String registry) {
    checkRegistry(input, registry);
    if (!looksLikeRegistry(registry)) {
      throw new InvalidReferenceException(input, "registry " + quote(registry)
          + " would be read as a Docker Hub namespace: a registry needs a '.' or a ':port',"
          + " or must be 'localhost'");
    }
  }

  /**
   * Checks a repository path: {@code /}-separated components, each lowercase
   * letters and digits joined by {@code .}, {@code _}, {@code __} or a run of
   * {@code -}. The length limit is checked by the caller, after normalisation.
   */
  static void checkPath(String input, String path) {
    if (path.isEmpty()) {
      throw new InvalidReferenceException(input, "repository name is missing");
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        throw new InvalidReferenceException(input, "repository name must be lowercase: " + quote(path));
      }
    }
    int start = 0;
    while (true) {
      int slash = path.indexOf('/', start);
      int end = slash < 0 ? path.length() : slash;
      checkPathComponent(input, path, start, end);
      if (slash < 0) {
        return;
      }
      start = slash + 1;
    }
  }

  private static void checkPathComponent(String input, String path, int start, int end) {
    if (start == end) {
      throw new InvalidReferenceException(input, "repository path " + quote(path)
          + " has an empty component (a leading, trailing or doubled '/')");
    }
    int i = start;
    while (i < end) {
      char c = path.charAt(i);
      if (isLowerAlnum(c)) {
        i++;
        continue;
      }
      if (!isSeparatorChar(c)) {
        throw new InvalidReferenceException(input, "repository path component "
            + quote(path.substring(start, end)) + " contains invalid character '" + c
            + "' (allowed: a-z, 0-9, '.', '_', '-')");
      }
      if (i == start) {
        throw new InvalidReferenceException(input, "repository path component "
            + quote(path.substring(start, end)) + " must start with a lowercase letter or digit");
      }
      int separatorStart = i;
      while (i < end && isSeparatorChar(path.charAt(i))) {
        i++;
      }
      if (i == end) {
        throw new InvalidReferenceException(input, "repository path component "
            + quote(path.substring(start, end)) + " must end with a lowercase letter or digit");
      }
      String separator = path.substring(separatorStart, i);
      if (!isSeparator(separator)) {
        throw new InvalidReferenceException(input, "repository path component "
            + quote(path.substring(start, end)) + " has invalid separator " + quote(separator)
            + " (allowed between letters and digits: '.', '_', '__', or one or more '-')");
      }
    }
  }

  /** Checks a tag: a word character, then up to 127 word characters, dots and dashes. */
  static void checkTag(String input, String tag) {
    if (tag.isEmpty()) {
      throw new InvalidReferenceException(input, "tag is empty (nothing follows ':')");
    }
    if (tag.length() > FerryLimits.MAX_TAG_LENGTH) {
      throw new InvalidReferenceException(input, "tag is too long: " + tag.length()
          + " characters, at most " + FerryLimits.MAX_TAG_LENGTH + " allowed");
    }
    if (!isWordChar(tag.charAt(0))) {
      throw new InvalidReferenceException(input, "tag " + quote(tag)
          + " must start with a letter, a digit or '_'");
    }
    for (int i = 1; i < tag.length(); i++) {
      char c = tag.charAt(i);
      if (!isWordChar(c) && c != '.' && c != '-') {
        throw new InvalidReferenceException(input, "tag " + quote(tag) + " contains invalid character '" + c
            + "' (allowed: letters, digits, '_', '.', '-')");
      }
    }
  }

  /** Parses the text after {@code @}; a malformed digest becomes the cause. */
  static Digest parseDigest(String input, String digest) {
    if (digest.isEmpty()) {
      throw new InvalidReferenceException(input, "digest is empty (nothing follows '@')");
    }
    try {
      return Digest.parse(digest);
    } catch (InvalidDigestException e) {
      throw new InvalidReferenceException(input, "invalid digest: " + e.reason(), e);
    }
  }

  /**
   * Docker's short form of a name: Docker Hub loses {@code docker.io/}, and an
   * official image {@code library/}, unless the shorter text would parse as
   * something else (a registry, or an image ID).
   */
  static String familiarName(String registry, String repository) {
    if (!registry.equals(DOCKER_HUB)) {
      return registry + "/" + repository;
    }
    if (repository.startsWith(OFFICIAL_PREFIX)) {
      String official = repository.substring(OFFICIAL_PREFIX.length());
      if (official.indexOf('/') < 0) {
        return isImageId(official) ? repository : official;
      }
    }
    int slash = repository.indexOf('/');
    if (slash >= 0 && looksLikeRegistry(repository.substring(0, slash))) {
      return registry + "/" + repository;
    }
    return repository;
  }

  private static void checkIpv6(String input, String registry, int close) {
    if (close == 1) {
      throw new InvalidReferenceException(input, "registry " + quote(registry) + " has an empty IPv6 address");
    }
    for (int i = 1; i < close; i++) {
      char c = registry.charAt(i);
      if (c != ':' && !isHex(c)) {
        throw new InvalidReferenceException(input, "registry " + quote(registry)
            + ": an IPv6 address may contain only hex digits and ':' (found '" + c
            + "'; zone ids and embedded IPv4 are not supported)");
      }
    }
  }

  private static void checkDomainName(String input, String host) {
    if (host.isEmpty()) {
      throw new InvalidReferenceException(input, "registry host is empty");
    }
    int start = 0;
    while (true) {
      int dot = host.indexOf('.', start);
      int end = dot < 0 ? host.length() : dot;
      checkDomainComponent(input, host, start, end);
      if (dot < 0) {
        return;
      }
      start = dot + 1;
    }
  }

  private static void checkDomainComponent(String input, String host, int start, int end) {
    if (start == end) {
      throw new InvalidReferenceException(input, "registry host " + quote(host)
          + " has an empty label (a leading, trailing or doubled '.')");
    }
    for (int i = start; i < end; i++) {
      char c = host.charAt(i);
      if (!isAlnum(c) && c != '-') {
        throw new InvalidReferenceException(input, "registry host " + quote(host) + " contains invalid character '"
            + c + "' (allowed: letters, digits, '-', '.'; IPv6 addresses need brackets)");
      }
    }
    if (host.charAt(start) == '-' || host.charAt(end - 1) == '-') {
      throw new InvalidReferenceException(input, "registry host " + quote(host)
          + ": each label must start and end with a letter or digit");
    }
  }

  private static void checkPort(String input, String port) {
    if (port.isEmpty()) {
      throw new InvalidReferenceException(input, "registry port is empty (nothing follows ':')");
    }
    for (int i = 0; i < port.length(); i++) {
      char c = port.charAt(i);
      if (c < '0' || c > '9') {
        throw new InvalidReferenceException(input, "registry port " + quote(port) + " must be a decimal number"
            + (c == ':' ? " (IPv6 addresses need brackets: [::1]:5000)" : ""));
      }
    }
  }

  static String quote(String text) {
    return "\"" + Texts.escape(text) + "\"";
  }

  private static boolean isSeparator(String separator) {
    if (separator.equals(".") || separator.equals("_") || separator.equals("__")) {
      return true;
    }
    for (int i = 0; i < separator.length(); i++) {
      if (separator.charAt(i) != '-') {
        return false;
      }
    }
    return true;
  }

  private static boolean isSeparatorChar(char c) {
    return c == '.' || c == '_' || c == '-';
  }

  private static boolean isLowerAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }

  private static boolean isAlnum(char c) {
    return isLowerAlnum(c) || (c >= 'A' && c <= 'Z');
  }

  private static boolean isWordChar(char c) {
    return isAlnum(c) || c == '_';
  }

  private static boolean isLowerHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  }

  private static boolean isHex(char c) {
    return isLowerHex(c) || (c >= 'A' && c <= 'F');
  }
}
