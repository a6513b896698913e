package dev.ferry.auth.gcp;

import java.util.Locale;

/**
 * Which registry names are Google's: Container Registry ({@code gcr.io} and its
 * subdomains such as {@code us.gcr.io}, {@code eu.gcr.io}, {@code asia.gcr.io},
 * {@code marketplace.gcr.io}) and Artifact Registry ({@code LOCATION-docker.pkg.dev},
 * and the regional endpoints {@code docker.LOCATION.rep.pkg.dev}). A name matches only
 * as a whole host, so {@code gcr.io.example.com} and {@code evilgcr.io} do not. The
 * default HTTPS port may be written ({@code gcr.io:443}); any other port is not Google's.
 *
 * <p>Thread-safety: stateless.
 */
final class GoogleRegistryHosts {
  private static final String GCR = "gcr.io";
  private static final String ARTIFACT_REGISTRY_SUFFIX = "-docker.pkg.dev";
  private static final String REGIONAL_PREFIX = "docker.";
  private static final String REGIONAL_SUFFIX = ".rep.pkg.dev";
  // a DNS name is at most 253 characters; anything longer is not a host
  private static final int MAX_HOST_LENGTH = 253;

  private GoogleRegistryHosts() {}

  static boolean matches(String registry) {
    String host = registry.trim().toLowerCase(Locale.ROOT);
    if (host.endsWith(":443")) {
      host = host.substring(0, host.length() - 4);
    }
    if (host.isEmpty() || host.length() > MAX_HOST_LENGTH) {
      return false;
    }
    if (host.equals(GCR)) {
      return true;
    }
    if (host.endsWith("." + GCR)) {
      return labels(host.substring(0, host.length() - GCR.length() - 1));
    }
    if (host.endsWith(ARTIFACT_REGISTRY_SUFFIX)) {
      // one label: the location (us, europe-west1, ...) then "-docker"
      return label(host.substring(0, host.length() - ARTIFACT_REGISTRY_SUFFIX.length()));
    }
    if (host.startsWith(REGIONAL_PREFIX) && host.endsWith(REGIONAL_SUFFIX)
        && host.length() > REGIONAL_PREFIX.length() + REGIONAL_SUFFIX.length()) {
      return label(host.substring(REGIONAL_PREFIX.length(), host.length() - REGIONAL_SUFFIX.length()));
    }
    return false;
  }

  /** Dot-separated DNS labels, each valid. */
  private static boolean labels(String name) {
    for (String part : name.split("\\.", -1)) {
      if (!label(part)) {
        return false;
      }
    }
    return true;
  }

  /** One DNS label: letters, digits and inner hyphens, 1 to 63 characters. */
  private static boolean label(String part) {
    if (part.isEmpty() || part.length() > 63 || part.startsWith("-") || part.endsWith("-")) {
      return false;
    }
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
        return false;
      }
    }
    return true;
  }
}
