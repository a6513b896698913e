package dev.ferry.internal.auth.config;

import org.jspecify.annotations.Nullable;

/**
 * One key of a credentials map, read as the tool that wrote it means it.
 *
 * @param raw the key as written
 * @param host the canonical host with its port (Docker Hub as {@code docker.io}); a glob for kubelet keys
 * @param path the namespace or repository the key is scoped to, without slashes at either end; empty for the whole registry
 * @param bare whether the key was written without a scheme (preferred over a URL form when both name the same scope)
 */
record AuthKey(String raw, String host, String path, boolean bare) {
  /** Reads a key; null when it cannot name a registry (such a key never matches, as with Docker). */
  static @Nullable AuthKey parse(String raw, KeyStyle style) {
    String text = raw.trim();
    String rest = Hosts.withoutScheme(text);
    boolean bare = rest == null;
    if (rest == null) {
      rest = text;
    }
    int slash = rest.indexOf('/');
    String host = slash < 0 ? rest : rest.substring(0, slash);
    String path = slash < 0 ? "" : rest.substring(slash);
    if (!Hosts.plausible(host)) {
      return null;
    }
    switch (style) {
      case LEGACY:
        path = "";
        break;
      case DOCKER:
        path = bare ? trimSlashes(path) : "";
        // "registry.example.com/v2/" is an old way of writing the registry, not a namespace called v2
        if (path.equals("v1") || path.equals("v2")) {
          path = "";
        }
        break;
      case KUBELET:
        if (path.startsWith("/v1/") || path.startsWith("/v2/")) {
          path = path.substring(3);
        }
        path = trimSlashes(path);
        break;
      default:
        throw new IllegalStateException(style.toString());
    }
    return new AuthKey(raw, Hosts.canonical(host), path, bare);
  }

  /** Whether the key covers a repository of a registry; both as {@link Hosts#canonical} gives them. */
  boolean covers(String registry, String repository, KeyStyle style) {
    boolean sameHost = style == KeyStyle.KUBELET ? HostGlob.matches(host, registry) : host.equals(registry);
    return sameHost && (path.isEmpty() || repository.equals(path) || repository.startsWith(path + "/"));
  }

  /**
   * Whether the host was written as the canonical name itself, not an alias of it:
   * {@code docker.io} is exact, {@code index.docker.io} is not. containers/image looks a
   * registry up by its own name before the legacy aliases.
   */
  boolean exactHost() {
    String rest = Hosts.withoutScheme(raw.trim());
    String text = rest == null ? raw.trim() : rest;
    int slash = text.indexOf('/');
    String written = (slash < 0 ? text : text.substring(0, slash)).toLowerCase(java.util.Locale.ROOT);
    return written.equals(host);
  }

  /** The key as kubelet sorts it: host and path. */
  String sortKey() {
    return path.isEmpty() ? host : host + "/" + path;
  }

  private static String trimSlashes(String path) {
    int start = 0;
    int end = path.length();
    while (start < end && path.charAt(start) == '/') {
      start++;
    }
    while (end > start && path.charAt(end - 1) == '/') {
      end--;
    }
    return path.substring(start, end);
  }
}
