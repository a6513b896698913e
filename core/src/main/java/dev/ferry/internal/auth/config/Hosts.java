package dev.ferry.internal.auth.config;

import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Registry host names as the credential files mean them: case-insensitive, Docker Hub under several names. */
public final class Hosts {
  /** The name Ferry gives Docker Hub, as {@code ImageReference.registry()} does. */
  public static final String DOCKER_HUB = "docker.io";

  /**
   * The server address Docker has always used for Docker Hub in its config files and
   * in what it asks credential helpers: {@code docker login} stores Hub credentials under it.
   */
  public static final String DOCKER_HUB_SERVER_URL = "https://index.docker.io/v1/";

  private static final Set<String> DOCKER_HUB_ALIASES = Set.of(DOCKER_HUB, "index.docker.io", "registry-1.docker.io");

  private Hosts() {}

  /** The host (with port) lower-cased, and any Docker Hub alias as {@code docker.io}. */
  public static String canonical(String host) {
    String name = host.trim().toLowerCase(Locale.ROOT);
    return DOCKER_HUB_ALIASES.contains(name) ? DOCKER_HUB : name;
  }

  /** The server URL a credential helper is asked about for a registry, as Docker asks it. */
  public static String serverUrl(String registry) {
    String canonical = canonical(registry);
    return DOCKER_HUB.equals(canonical) ? DOCKER_HUB_SERVER_URL : canonical;
  }

  /** {@code text} without a leading {@code http://} or {@code https://} (any case), or null if it has neither. */
  static @Nullable String withoutScheme(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.startsWith("https://")) {
      return text.substring("https://".length());
    }
    if (lower.startsWith("http://")) {
      return text.substring("http://".length());
    }
    return null;
  }

  /** Whether a host[:port] can be a registry at all: not empty, no spaces, controls or path characters. */
  static boolean plausible(String host) {
    if (host.isEmpty()) {
      return false;
    }
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (c <= ' ' || c == 0x7f || c == '/' || c == '?' || c == '#' || c == '@') {
        return false;
      }
    }
    return true;
  }
}
