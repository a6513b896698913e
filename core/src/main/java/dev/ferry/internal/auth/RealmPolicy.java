package dev.ferry.internal.auth;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether a Bearer challenge's realm may be called. The realm comes from
 * the registry, that is from the network, and Ferry sends credentials to it: a
 * man in the middle of a plain-HTTP hop, or a hostile registry, must not be able
 * to make Ferry send a password in clear text to a host of its choosing.
 *
 * <p>The rule: the realm must be an absolute {@code https} URL without user info;
 * {@code http} is accepted only when the registry itself was reached over plain
 * HTTP (the user named it plain-HTTP, so nothing is lost). Loopback gets no
 * exception: any local process may listen on a loopback port.
 *
 * <p>Thread-safety: stateless.
 */
final class RealmPolicy {
  private RealmPolicy() {}

  /** Why the realm may not be called from a request to {@code registryUri}, or null when it may. */
  static @Nullable String refusal(@Nullable String realm, URI registryUri) {
    if (realm == null || realm.isBlank()) {
      return "the Bearer challenge names no realm to fetch a token from";
    }
    URI uri;
    try {
      uri = new URI(realm);
    } catch (URISyntaxException e) {
      return "the realm is not a valid URL";
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
      return "the realm must be an absolute http(s) URL with a host";
    }
    if (uri.getRawUserInfo() != null) {
      return "the realm must not carry user info";
    }
    if (scheme.equals("http") && !"http".equalsIgnoreCase(registryUri.getScheme())) {
      return "the realm uses plain http while the registry was reached over https;"
          + " Ferry never sends credentials or tokens over plain HTTP to another host";
    }
    return null;
  }
}
