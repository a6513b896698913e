package dev.ferry.internal.http;

import dev.ferry.registry.RegistryProtocolException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Origins (scheme, host, port) and the URLs a registry hands back in its headers. A
 * credential is bound to the origin it was found for; every URL a registry writes
 * ({@code Location}, {@code Link}, a token realm) is compared with that origin before a
 * credential goes out, and a URL that cannot be used at all (not http(s), no host, a port
 * out of range) is the registry's protocol error, named by its header, rather than an
 * {@code IllegalArgumentException} from deep inside the HTTP client. Stateless.
 */
public final class Origins {
  private static final int MAX_PORT = 65_535;

  private Origins() {}

  /** {@code scheme://host:port}, lower-cased, with the scheme's default port written out. */
  public static String of(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    return scheme + "://" + host + ":" + port;
  }

  /** Whether both URIs have one origin: same scheme, host and port. */
  public static boolean same(URI a, URI b) {
    return of(a).equals(of(b));
  }

  /** Whether going from {@code from} to {@code to} would leave HTTPS for plain HTTP. */
  public static boolean leavesHttps(URI from, URI to) {
    return "https".equalsIgnoreCase(from.getScheme()) && "http".equalsIgnoreCase(to.getScheme());
  }

  /** Whether the URI's port is absent or one a socket can have. */
  public static boolean hasValidPort(URI uri) {
    return uri.getPort() <= MAX_PORT;
  }

  /**
   * Resolves a URL the registry wrote in a header against the request it answered.
   *
   * @param request the request the header answered
   * @param context the registry and repository, for the error
   * @param header the header's name as users know it, e.g. {@code Location}, {@code Link}
   * @param value the URL as the registry wrote it, absolute or relative
   * @return the absolute http(s) URL, without fragment
   * @throws RegistryProtocolException naming the header when the URL cannot be used
   */
  public static URI handedBack(Request request, CallContext context, String header, String value) {
    URI target;
    try {
      target = request.uri().resolve(new URI(value.trim()));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw unusable(request, context, header, "is not a valid URL");
    }
    String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || target.getHost() == null) {
      throw unusable(request, context, header, "is not an absolute http(s) URL with a host");
    }
    if (!hasValidPort(target)) {
      throw badPort(request, context, header, target);
    }
    if (target.getRawFragment() == null) {
      return target;
    }
    String text = target.toString();
    return URI.create(text.substring(0, text.indexOf('#')));
  }

  /** The protocol error for a header URL whose port no socket can have. */
  public static RegistryProtocolException badPort(Request request, CallContext context, String header, URI target) {
    return unusable(request, context, header, "names port " + target.getPort() + ", outside 1-" + MAX_PORT);
  }

  /** The protocol error for a header URL that leaves the registry's origin where Ferry does not follow. */
  public static RegistryProtocolException foreign(Request request, CallContext context, String header, URI target,
      String why) {
    return new RegistryProtocolException("the registry's " + header + " header points to " + of(target)
        + ", " + why + " " + Messages.where(context), context.registry(), context.repository(), request.method(),
        Urls.redact(request.uri()));
  }

  private static RegistryProtocolException unusable(Request request, CallContext context, String header,
      String why) {
    return new RegistryProtocolException("the URL in the registry's " + header + " header " + why + " "
        + Messages.where(context), context.registry(), context.repository(), request.method(),
        Urls.redact(request.uri()));
  }
}
