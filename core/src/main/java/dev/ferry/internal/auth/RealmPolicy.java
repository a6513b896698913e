package dev.ferry.internal.auth;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether a Bearer challenge's realm may be called. The realm comes from
 * the registry, that is from the network, and Ferry sends credentials to it: a
 * man in the middle of a plain-HTTP hop, or a hostile registry, must not be able
 * to make Ferry send a password in clear text to a host of its choosing.
 *
 * <p>The rule: the realm must be an absolute {@code https} URL without user info;
 * {@code http} is accepted only when the registry itself was reached over plain
 * HTTP (the user named it insecure, so nothing is lost) or when the realm is a
 * loopback address (the traffic never leaves the machine). Loopback is decided
 * from the literal host ({@code localhost}, {@code 127.0.0.0/8}, {@code ::1}),
 * without a DNS lookup.
 *
 * <p>Thread-safety: stateless.
 */
final class RealmPolicy {
  private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

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
    if (scheme.equals("http") && !"http".equalsIgnoreCase(registryUri.getScheme()) && !isLoopback(uri.getHost())) {
      return "the realm uses plain http while the registry was reached over https;"
          + " Ferry never sends credentials or tokens over plain HTTP to another host";
    }
    return null;
  }

  static boolean isLoopback(String host) {
    String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (h.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!IPV4.matcher(h).matches() && !h.contains(":")) {
      return false; // a name: deciding would need DNS, which the network could answer with anything
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress(); // a literal: parsed, not resolved
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
