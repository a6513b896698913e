package dev.ferry.internal.http;

import dev.ferry.FerryLimits;
import dev.ferry.internal.Texts;
import dev.ferry.registry.RegistryResponseException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Follows redirects itself rather than letting HttpClient do it, because the rules
 * are the registry's to keep: {@code Authorization} (and {@code Cookie}) never goes to
 * an origin other than the one first asked (nor does a body that holds credentials, such as an
 * OAuth2 token form), and once dropped is not restored when another
 * host redirects back (that host would choose where, and with a 307 how, the token is
 * used); HTTPS never continues over plain HTTP;
 * a one-shot body is never sent twice; at most {@link FerryLimits#MAX_REDIRECT_HOPS} hops.
 *
 * <p>A redirect that cannot be followed safely fails with {@link RegistryResponseException}
 * carrying the redirect status: the registry answered, with something Ferry refuses to
 * do, so it is not a {@code TransportException} (which callers may treat as transient).
 * Methods: 303 becomes GET (HEAD stays HEAD) without a body; 301 and 302 turn POST into
 * GET as browsers and curl do and keep other methods; 307 and 308 keep method and body.
 * Stateless; thread-safe.
 */
final class Redirects {
  /** Sends one request without following anything; the context says whom to tell. */
  @FunctionalInterface
  interface Hop {
    Response send(Request request, CallContext context) throws IOException;
  }

  /** An I/O failure on a hop after the first, naming that hop's request in messages. */
  static final class HopIOException extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient Request hop;
    private final IOException failure;

    HopIOException(Request hop, IOException cause) {
      super(cause.getMessage(), cause);
      this.hop = hop;
      this.failure = cause;
    }

    Request hop() {
      return hop;
    }

    IOException failure() {
      return failure;
    }
  }

  private final Hop hop;
  private final int maxHops;

  Redirects(Hop hop) {
    this(hop, FerryLimits.MAX_REDIRECT_HOPS);
  }

  Redirects(Hop hop, int maxHops) {
    this.hop = hop;
    this.maxHops = maxHops;
  }

  static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  Response follow(Request original, CallContext context) throws IOException {
    String origin = Origins.of(original.uri());
    Request current = original;
    for (int hops = 0; ; hops++) {
      Response response;
      try {
        response = hop.send(current, context);
      } catch (HopIOException e) {
        throw e;
      } catch (IOException e) {
        if (hops == 0) {
          throw e;
        }
        throw new HopIOException(current, e);
      }
      Optional<String> location = response.header("Location");
      if (!isRedirect(response.status()) || location.isEmpty() || location.get().isBlank()) {
        return response;
      }
      try {
        if (hops >= maxHops) {
          throw refused(current, response, context, "more than " + maxHops + " redirects (a redirect loop?)");
        }
        current = next(current, response, location.get().trim(), origin, context);
      } finally {
        response.close();
      }
    }
  }

  private Request next(Request current, Response response, String location, String origin,
      CallContext context) {
    URI target = resolve(current, response, location, context);
    if (current.uri().getScheme().equalsIgnoreCase("https") && target.getScheme().equalsIgnoreCase("http")) {
      throw refused(current, response, context, "redirect to " + Urls.redact(target)
          + " refused: it would leave HTTPS for plain HTTP");
    }
    int status = response.status();
    Request next = current;
    if (status == 303 && !current.method().equals("HEAD")
        || (status == 301 || status == 302) && current.method().equals("POST")) {
      next = current.withMethod("GET", null).withoutHeader("Content-Type");
    } else if (current.body() != null && !current.body().isReplayable()) {
      throw refused(current, response, context, "redirect to " + Urls.redact(target)
          + " refused: the request body can be sent only once");
    }
    next = next.withUri(target);
    if (!Origins.of(target).equals(origin)) {
      if (next.body() != null && next.body().carriesCredentials()) {
        throw refused(current, response, context, "redirect to " + Urls.redact(target)
            + " refused: the request body holds credentials, which go only to the origin first asked");
      }
      next = next.withoutHeader("Authorization").withoutHeader("Cookie");
    }
    return next;
  }

  private static URI resolve(Request current, Response response, String location, CallContext context) {
    try {
      URI target = current.uri().resolve(new URI(location));
      String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || target.getHost() == null) {
        throw refused(current, response, context, "redirect to a location that is not an http(s) URL: "
            + Texts.quote(scheme.isEmpty() ? location : scheme + ":..."));
      }
      if (!Origins.hasValidPort(target)) {
        throw Origins.badPort(current, context, "Location", target);
      }
      // a fragment is the client's business and never sent
      String text = target.toString();
      int hash = text.indexOf('#');
      return hash < 0 ? target : new URI(text.substring(0, hash));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw refused(current, response, context, "redirect to an invalid Location");
    }
  }

  private static RegistryResponseException refused(Request request, Response response, CallContext context,
      String why) {
    String message = Messages.request(request) + " -> " + StatusTexts.of(response.status()) + ": " + why + " "
        + Messages.where(context);
    return new RegistryResponseException(message, context.registry(), context.repository(), request.method(),
        Urls.redact(request.uri()), response.status(), List.of());
  }
}
