package dev.ferry.internal.auth;

import dev.ferry.auth.Credential;
import dev.ferry.auth.CredentialException;
import dev.ferry.auth.CredentialProvider;
import dev.ferry.auth.RegistryToken;
import dev.ferry.auth.UsernamePassword;
import dev.ferry.internal.http.CallContext;
import dev.ferry.internal.http.Origins;
import dev.ferry.internal.http.Request;
import dev.ferry.internal.http.Response;
import dev.ferry.internal.http.Scrubber;
import dev.ferry.internal.http.Transport;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Sends requests with the right {@code Authorization} for a registry.
 *
 * <ol>
 *   <li>Before sending: a cached bearer token for the registry, scope set and
 *       credential when one is fresh; Basic auth when the registry asked for Basic
 *       before; for a registry known to want Bearer, a token fetched now (one round
 *       trip less than waiting for its 401).
 *   <li>On 401: the challenge answered (Bearer preferred over Basic) and the
 *       request sent once more. For Bearer the token is asked for the challenge's
 *       own {@code scope} first (the registry says what it needs), then the
 *       requested scopes. A token the registry refused is dropped from the cache
 *       first, so an expired token mid-operation costs one re-challenge.
 *   <li>A 401 to the resent request, or a 403 at any point, is an
 *       {@link dev.ferry.registry.AuthenticationException}; {@code send} never
 *       returns either.
 * </ol>
 * Token realms must be https (see {@link RealmPolicy}). Tokens are cached in a
 * {@link TokenCache}: refreshed a margin before expiry, fetched once however many
 * threads need them.
 *
 * <p>The credential provider is asked once per {@code send}.
 *
 * <p>Thread-safety: thread-safe; one instance serves every thread of a client.
 */
public final class RegistryAuth {
  private final Transport transport;
  private final CredentialProvider credentials;
  private final TokenCache cache;
  private final TokenFetcher fetcher;
  private final HeldSecrets held = new HeldSecrets();
  // the challenge each registry answered last: how to authorize its next request before it asks
  private final Map<String, Challenge> knownChallenges = new ConcurrentHashMap<>();

  public RegistryAuth(Transport transport, CredentialProvider credentials, Clock clock) {
    this(transport, credentials, clock, AuthOptions.defaults());
  }

  public RegistryAuth(Transport transport, CredentialProvider credentials, Clock clock, AuthOptions options) {
    this.transport = Objects.requireNonNull(transport, "transport");
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(options, "options");
    this.cache = new TokenCache(clock, options);
    this.fetcher = new TokenFetcher(transport, clock, options);
  }

  /**
   * Sends a request to a registry with authorization for the given scopes.
   *
   * @param request the request (an Authorization header on it is replaced)
   * @param context registry and repository, for credentials lookup and errors
   * @param scopes the scopes the request needs
   * @return the response, never 401 or 403; the caller closes it
   * @throws dev.ferry.registry.AuthenticationException when access is refused, no
   *     token can be had, or the request would have to be resent but cannot be
   * @throws dev.ferry.registry.TransportException when the registry or token server cannot be reached
   * @throws CredentialException when the credential provider fails
   */
  public Response send(Request request, CallContext context, List<Scope> scopes) {
    return send(request, context, scopes, request.uri());
  }

  /**
   * Like {@link #send(Request, CallContext, List)}, with the registry's credentials bound to
   * {@code origin}: a request to any other origin (scheme, host and port), such as a URL the
   * registry handed back, goes without any credential, and its 401 is not answered.
   *
   * @param request the request (an Authorization header on it is replaced, or removed)
   * @param context registry and repository, for credentials lookup and errors
   * @param scopes the scopes the request needs
   * @param origin a URI of the registry's own origin (its base URI), the only one that gets credentials
   * @return the response; never 401 or 403 from the registry's origin; the caller closes it
   */
  public Response send(Request request, CallContext context, List<Scope> scopes, URI origin) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(scopes, "scopes");
    Objects.requireNonNull(origin, "origin");
    if (!Origins.same(request.uri(), origin)) {
      return transport.execute(request.withoutHeader("Authorization"), context);
    }
    Credential credential = lookup(context);
    held.hold(credential);
    AuthCall call = new AuthCall(request.withoutHeader("Authorization"), context,
        scopes.stream().map(Scope::toString).distinct().toList(), credential);
    TokenKey key = TokenKey.of(context.registry(), scopes, credential);

    Authorization first = beforehand(call, key);
    Response response = execute(call, first);
    if ((response.status() == 401 || response.status() == 403) && !Origins.same(response.uri(), origin)) {
      // a redirect led elsewhere (a storage host): its challenge is not the registry's to answer
      throw AuthFailures.foreignChallenge(call, response, Origins.of(response.uri()), secrets(call, first));
    }
    if (response.status() == 403) {
      throw AuthFailures.refused(call, response, secrets(call, first));
    }
    if (response.status() != 401) {
      return response;
    }
    return rechallenge(call, key, first, response);
  }

  private @Nullable Authorization beforehand(AuthCall call, TokenKey key) {
    Challenge known = knownChallenges.get(call.registry());
    if (known == null) {
      return null;
    }
    Credential credential = call.credential();
    if (known.is("basic")) {
      return credential instanceof UsernamePassword up ? Authorization.basic(up) : null;
    }
    if (credential instanceof RegistryToken rt) {
      return registryToken(call, rt);
    }
    Optional<BearerToken> cached = cache.fresh(key);
    if (cached.isPresent()) {
      return Authorization.bearer(cached.get());
    }
    // scopes are what a token is for; without them, waiting for the registry's own challenge is better
    return call.scopes().isEmpty() ? null : Authorization.bearer(bearer(call, key, known));
  }

  private Response rechallenge(AuthCall call, TokenKey key, @Nullable Authorization first, Response unauthorized) {
    Authorization second;
    AuthCall answered;
    try {
      if (first != null && first.cached() != null) {
        cache.invalidate(key, first.cached()); // expired or revoked mid-operation
      }
      List<Challenge> challenges = ChallengeParser.parse(unauthorized.headers("WWW-Authenticate"));
      Challenge challenge = pick(challenges);
      if (challenge == null) {
        throw AuthFailures.noUsableChallenge(call, unauthorized, challenges);
      }
      answered = challenge.is("bearer") ? call.withScopes(mergeScopes(challenge, call.scopes())) : call;
      second = answer(answered, key, challenge, unauthorized);
      if (first != null && second.header().equals(first.header())) {
        throw AuthFailures.refused(answered, unauthorized, secrets(answered, first));
      }
      if (!call.request().isReplayable()) {
        throw AuthFailures.notReplayable(answered, unauthorized);
      }
    } finally {
      unauthorized.close();
    }
    Response response = execute(answered, second);
    if ((response.status() == 401 || response.status() == 403) && !Origins.same(response.uri(), call.request().uri())) {
      throw AuthFailures.foreignChallenge(answered, response, Origins.of(response.uri()), secrets(answered, second));
    }
    if (response.status() == 401 || response.status() == 403) {
      if (second.cached() != null) {
        cache.invalidate(key, second.cached());
      }
      throw AuthFailures.refused(answered, response, secrets(answered, second));
    }
    return response;
  }

  /** The Authorization answering a challenge; remembers the challenge for the registry's next requests. */
  private Authorization answer(AuthCall call, TokenKey key, Challenge challenge, Response unauthorized) {
    Credential credential = call.credential();
    Authorization authorization;
    if (challenge.is("basic")) {
      if (!(credential instanceof UsernamePassword up)) {
        throw AuthFailures.basicNeedsPassword(call, unauthorized);
      }
      authorization = Authorization.basic(up);
    } else if (credential instanceof RegistryToken rt) {
      authorization = registryToken(call, rt);
    } else {
      authorization = Authorization.bearer(bearer(call, key, challenge));
    }
    knownChallenges.put(call.registry(), challenge);
    return authorization;
  }

  /** The key's token: cached, in flight, or fetched from the challenge's realm now. */
  private BearerToken bearer(AuthCall call, TokenKey key, Challenge challenge) {
    String realm = challenge.param("realm").orElse("");
    String refusal = RealmPolicy.refusal(realm, call.request().uri());
    if (refusal != null) {
      throw AuthFailures.realmRefused(call, realm, refusal);
    }
    URI realmUri = Origins.handedBack(call.request(), call.context(), "WWW-Authenticate realm", realm);
    String service = challenge.param("service").orElse(null);
    BearerToken token = cache.get(key, () -> fetcher.fetch(call, realmUri, service));
    held.hold(token);
    return token;
  }

  /** Withholds server text that holds any secret this instance has seen: credentials and tokens. */
  public Scrubber scrubber() {
    return held;
  }

  private static Authorization registryToken(AuthCall call, RegistryToken token) {
    if (!TokenResponseParser.isHeaderSafe(token.token())) {
      throw AuthFailures.unusableRegistryToken(call);
    }
    return Authorization.bearer(token.token());
  }

  private Response execute(AuthCall call, @Nullable Authorization authorization) {
    Request request = authorization == null ? call.request()
        : call.request().header("Authorization", authorization.header());
    return transport.execute(request, call.context());
  }

  private @Nullable Credential lookup(CallContext context) {
    String repository = context.repository() == null ? "" : context.repository();
    Optional<Credential> found = credentials.credentialFor(context.registry(), repository);
    if (found == null) {
      throw new CredentialException("credential provider " + credentials.getClass().getName()
          + " returned null instead of Optional.empty() for " + context.registry());
    }
    // a provider that did not say where its credential came from is named by its class in errors
    return found.map(c -> c.source().isPresent() ? c
        : c.withSource("credential provider " + credentials.getClass().getName())).orElse(null);
  }

  /** Bearer first: it scopes access to what the call needs; Basic sends the password with every request. */
  private static @Nullable Challenge pick(List<Challenge> challenges) {
    for (String scheme : List.of("bearer", "basic")) {
      for (Challenge c : challenges) {
        if (c.is(scheme)) {
          return c;
        }
      }
    }
    return null;
  }

  /** The challenge's scopes (space-separated in one param) first, then the requested ones, without repeats. */
  static List<String> mergeScopes(Challenge challenge, List<String> requested) {
    Set<String> merged = new LinkedHashSet<>();
    for (String s : challenge.param("scope").orElse("").split("[ \t]+")) {
      if (!s.isEmpty()) {
        merged.add(s);
      }
    }
    merged.addAll(requested);
    return List.copyOf(merged);
  }

  private List<String> secrets(AuthCall call, @Nullable Authorization sent) {
    List<String> secrets = new ArrayList<>(Secrets.of(call.credential(), sent == null ? "" : sent.header()));
    secrets.addAll(held.forms());
    return secrets;
  }
}
