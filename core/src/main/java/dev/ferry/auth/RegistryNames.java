package dev.ferry.auth;

import java.util.Locale;
import java.util.Set;

/** Compares registry names the way users mean them: host names ignore case; Docker Hub has aliases. */
final class RegistryNames {
  private static final String DOCKER_HUB = "docker.io";
  // the names Docker Hub answers to: the one users write, the v1 index and the v2 endpoint
  private static final Set<String> DOCKER_HUB_ALIASES = Set.of(DOCKER_HUB, "index.docker.io", "registry-1.docker.io");

  private RegistryNames() {}

  /** The name in canonical form; refuses names that cannot be a registry host (a URL, a path, blanks). */
  static String canonical(String registry) {
    String name = registry.trim().toLowerCase(Locale.ROOT);
    if (name.isEmpty()) {
      throw new IllegalArgumentException("the registry name is blank");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '/' || c <= ' ' || c == 0x7f) {
        throw new IllegalArgumentException("the registry name must be a host with an optional port,"
            + " e.g. ghcr.io or localhost:5000, without scheme, path or spaces");
      }
    }
    return DOCKER_HUB_ALIASES.contains(name) ? DOCKER_HUB : name;
  }

  /** Whether a name as a caller passes it (any case, any Docker Hub alias) is the canonical registry. */
  static boolean sameRegistry(String canonical, String other) {
    String name = other.trim().toLowerCase(Locale.ROOT);
    return canonical.equals(DOCKER_HUB_ALIASES.contains(name) ? DOCKER_HUB : name);
  }
}
