package dev.ferry.registry;

import dev.ferry.internal.auth.RegistryAuth;
import dev.ferry.internal.auth.Scope;
import dev.ferry.internal.http.CallContext;
import dev.ferry.internal.http.ErrorBodies;
import dev.ferry.internal.http.Origins;
import dev.ferry.internal.http.RateLimits;
import dev.ferry.internal.http.Request;
import dev.ferry.internal.http.Response;
import dev.ferry.internal.http.SmallBodies;
import dev.ferry.internal.http.RetryStrategy;
import dev.ferry.internal.http.Scrubber;
import dev.ferry.internal.http.Transport;
import dev.ferry.internal.http.TransportEvents;
import dev.ferry.internal.http.Urls;
import dev.ferry.reference.ImageReference;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Where each registry's API lives and how a call reaches it: the base URI
 * (scheme decided once per registry, falling back to plain HTTP only for
 * registries named insecure), authorization through {@link RegistryAuth}, and
 * the mapping of error statuses to typed exceptions.
 *
 * <p>Thread-safety: thread-safe; shared by every call of a client.
 */
final class Endpoint {
  private final Transport transport;
  private final RegistryAuth auth;
  private final RegistrySettings settings;
  private final Clock clock;
  private final RetryStrategy retries;
  private final Map<String, URI> bases;
  private final Map<String, RateLimit> rateLimits;
  /** Whom this endpoint's contexts tell of their requests: one client call's listeners, or no one. */
  private final TransportEvents events;

  Endpoint(Transport transport, RegistryAuth auth, RegistrySettings settings, Clock clock, RetryStrategy retries) {
    this(transport, auth, settings, clock, retries, new ConcurrentHashMap<>(), new ConcurrentHashMap<>(),
        TransportEvents.NONE);
  }

  private Endpoint(Transport transport, RegistryAuth auth, RegistrySettings settings, Clock clock,
      RetryStrategy retries, Map<String, URI> bases, Map<String, RateLimit> rateLimits, TransportEvents events) {
    this.transport = transport;
    this.retries = retries;
    this.auth = auth;
    this.settings = settings;
    this.clock = clock;
    this.bases = bases;
    this.rateLimits = rateLimits;
    this.events = events;
  }

  /** This endpoint for one call: everything shared, the call's requests reported to {@code callEvents}. */
  Endpoint forCall(TransportEvents callEvents) {
    return new Endpoint(transport, auth, settings, clock, retries, bases, rateLimits, callEvents);
  }

  /** The context of a repository-level request of this call. */
  CallContext context(ImageReference repository) {
    return context(repository.registry(), repository.repository());
  }

  /** The context of a request of this call; a null repository for registry-wide calls. */
  CallContext context(String registry, @Nullable String repository) {
    return new CallContext(registry, repository, events);
  }

  /** Keeps secrets the client holds out of text it passes on. */
  Scrubber scrubber() {
    return auth.scrubber();
  }

  /** The client's one retry strategy, for the callers that answer failures themselves (uploads, downloads). */
  RetryStrategy retries() {
    return retries;
  }

  /** {@code scheme://apiHost/v2/}, probing https then http once for registries named insecure. */
  URI base(String registry) {
    return bases.computeIfAbsent(registry, this::resolveBase);
  }

  private URI resolveBase(String registry) {
    String host = ImageReference.apiHost(registry);
    return switch (settings.schemeFor(registry)) {
      case HTTPS, HTTPS_INSECURE -> URI.create("https://" + host + "/v2/");
      case HTTP -> URI.create("http://" + host + "/v2/");
      case HTTPS_INSECURE_OR_HTTP -> probe(registry, host);
    };
  }

  private URI probe(String registry, String host) {
    URI https = URI.create("https://" + host + "/v2/");
    try {
      transport.execute(Request.of("GET", https), context(registry, null)).close();
      return https;
    } catch (TransportException tlsOrConnectionFailure) {
      // as Docker does for insecure registries: no TLS there, so speak plain HTTP
      return URI.create("http://" + host + "/v2/");
    }
  }

  /** {@code base + path}, where path is relative to {@code /v2/}, e.g. {@code org/app/manifests/1.0}. */
  URI uri(String registry, String path) {
    return base(registry).resolve(path);
  }

  /**
   * Sends with authorization for the scopes when the request goes to the registry's own origin
   * (its base URI's scheme, host and port), and without any credential anywhere else: the one
   * place that decides whether a registry's credentials may go with a request. The caller
   * closes the response.
   */
  Response send(Request request, CallContext context, List<Scope> scopes) {
    Response response = auth.send(request, context, scopes, base(context.registry()));
    RateLimit limit = RateLimits.from(response, clock);
    if (limit.isKnown()) {
      rateLimits.put(context.registry(), limit);
    }
    return response;
  }

  /**
   * Sends and expects 200: empty on 404 (the thing is absent), the typed error for
   * anything else. The caller closes a present response.
   */
  Optional<Response> sendExpectingFound(Request request, CallContext context, List<Scope> scopes) {
    Response response = send(request, context, scopes);
    if (response.status() == 404) {
      response.close();
      return Optional.empty();
    }
    if (response.status() != 200) {
      throw failure(request, response, context);
    }
    return Optional.of(response);
  }

  /** The rate-limit headers the registry sent last, if it sends any (Docker Hub does on manifest calls). */
  Optional<RateLimit> rateLimit(String registry) {
    return Optional.ofNullable(rateLimits.get(registry));
  }

  /** Sends without authorization: redirect targets, pings, upload status already authorized by URL. */
  Response sendPlain(Request request, CallContext context) {
    return transport.execute(request, context);
  }

  /**
   * The next page a {@code Link} header names. A page elsewhere than the registry's origin is
   * refused, not followed anonymously: a listing decides what a mirror copies and prunes, so
   * its pages must come from the registry itself.
   */
  URI nextPage(Request request, CallContext context, String link) {
    URI next = Origins.handedBack(request, context, "Link", link);
    if (!Origins.same(next, base(context.registry()))) {
      throw Origins.foreign(request, context, "Link", next, "not the registry's own origin "
          + Origins.of(base(context.registry())) + "; Ferry follows pagination only on the registry");
    }
    return next;
  }

  /**
   * Where an upload continues, from the {@code Location} of a POST or PATCH. Another origin is
   * allowed (it gets no credentials, see {@link #send}), as containerd allows it; leaving HTTPS
   * for plain HTTP is refused, since the blob would then travel in clear text.
   */
  URI uploadLocation(Request request, CallContext context, String location) {
    URI next = Origins.handedBack(request, context, "Location", location);
    if (Origins.leavesHttps(base(context.registry()), next)) {
      throw Origins.foreign(request, context, "Location", next, "which would leave HTTPS for plain HTTP;"
          + " Ferry sends neither blobs nor credentials there");
    }
    return next;
  }

  /** Throws the typed exception for an unexpected status, closing the response. */
  RegistryException failure(Request request, Response response, CallContext context) {
    try (response) {
      return ErrorBodies.toException(request, response, context, auth.scrubber());
    }
  }

  /**
   * Reads a small body whole (manifests, referrers pages), refusing more than {@code limit}
   * bytes or a body that takes longer than the small-body timeout to arrive.
   */
  static byte[] readCapped(Request request, Response response, CallContext context, int limit, String what) {
    long declared = response.contentLength().orElse(-1);
    if (declared > limit) {
      throw tooLarge(request, context, what, declared + " bytes", limit);
    }
    try (InputStream in = response.smallBody()) {
      byte[] bytes = SmallBodies.read(in, limit + 1);
      if (bytes.length > limit) {
        throw tooLarge(request, context, what, "more than " + limit + " bytes", limit);
      }
      return bytes;
    } catch (IOException e) {
      throw readFailed(request, context, what, e);
    }
  }

  /** The typed error for a small body that broke off or came too slowly. */
  static TransportException readFailed(Request request, CallContext context, String what, IOException e) {
    return new TransportException("reading the " + what + " failed: " + e.getMessage(), context.registry(),
        context.repository(), request.method(), Urls.redact(request.uri()), e);
  }

  private static RegistryProtocolException tooLarge(Request request, CallContext context, String what,
      String size, int limit) {
    return new RegistryProtocolException("the " + what + " is " + size + ", over Ferry's limit of " + limit
        + " bytes", context.registry(), context.repository(), request.method(), Urls.redact(request.uri()));
  }
}
