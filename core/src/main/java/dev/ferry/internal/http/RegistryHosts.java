package dev.ferry.internal.http;

import dev.ferry.internal.Texts;
import dev.ferry.registry.RegistryOptions;
import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * Keys per-registry options by {@code host} or {@code host:port}, as Docker's
 * {@code insecure-registries} does: a key with a port matches that port only, a key
 * without one matches the scheme's default port only, so naming {@code localhost:5000}
 * insecure leaves {@code localhost:443} verified. Stateless.
 */
public final class RegistryHosts {
  private RegistryHosts() {}

  /**
   * Lower-cases a {@code host[:port]} key and strips a scheme or trailing slash users paste in.
   *
   * @throws IllegalArgumentException if it is not a host with an optional port
   */
  public static String normalize(String hostAndPort) {
    String s = hostAndPort.trim().toLowerCase(Locale.ROOT);
    int scheme = s.indexOf("://");
    if (scheme >= 0) {
      s = s.substring(scheme + 3);
    }
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    URI parsed;
    try {
      parsed = new URI("https://" + s);
    } catch (java.net.URISyntaxException e) {
      parsed = null;
    }
    if (s.isEmpty() || parsed == null || parsed.getHost() == null || parsed.getRawPath() != null
        && !parsed.getRawPath().isEmpty() || parsed.getRawQuery() != null || parsed.getRawUserInfo() != null) {
      throw new IllegalArgumentException("not a registry host[:port]: " + Texts.quote(hostAndPort));
    }
    return s;
  }

  /** The options for a connection target; {@link RegistryOptions#defaults()} when none match. */
  public static RegistryOptions lookup(Map<String, RegistryOptions> registries, String host, int port,
      boolean https) {
    if (registries.isEmpty()) {
      return RegistryOptions.defaults();
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.indexOf(':') >= 0 && !h.startsWith("[")) {
      h = "[" + h + "]";
    }
    int defaultPort = https ? 443 : 80;
    int effective = port < 0 ? defaultPort : port;
    RegistryOptions withPort = registries.get(h + ":" + effective);
    if (withPort != null) {
      return withPort;
    }
    RegistryOptions bare = effective == defaultPort ? registries.get(h) : null;
    return bare != null ? bare : RegistryOptions.defaults();
  }
}
