package dev.ferry.internal.auth;

import dev.ferry.auth.Credential;
import dev.ferry.auth.IdentityToken;
import dev.ferry.auth.UsernamePassword;
import dev.ferry.internal.Texts;
import dev.ferry.internal.http.ErrorBodies;
import dev.ferry.internal.http.Request;
import dev.ferry.internal.http.Response;
import dev.ferry.internal.http.SmallBodies;
import dev.ferry.internal.http.Transport;
import dev.ferry.internal.http.Urls;
import dev.ferry.registry.AuthenticationException;
import dev.ferry.registry.RegistryError;
import dev.ferry.registry.TransportException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Fetches a bearer token from a realm with the credential of a call:
 * <ul>
 *   <li>none: anonymous GET;
 *   <li>{@link UsernamePassword}: GET with Basic auth and {@code account}, or (with
 *       {@link AuthOptions#oauthPasswordGrant()}) an OAuth2 {@code password} POST;
 *   <li>{@link IdentityToken}: OAuth2 {@code refresh_token} POST.
 * </ul>
 * A POST the token server does not take falls back to the GET with Basic auth:
 * 404 (the spec's signal, GCR), 405 (Docker Hub), 401 (Artifactory) and 400 (ACR)
 * are what token servers answer when they have no OAuth2 endpoint. An identity
 * token goes into that Basic auth under Docker's user name {@code <token>}.
 *
 * <p>Failures are typed: an unreachable realm is the transport's
 * {@link TransportException}; a refusal, an error status or an unusable answer is
 * an {@link AuthenticationException} naming the realm (without query) and scope.
 *
 * <p>Thread-safety: immutable; thread-safe when the transport is.
 */
final class TokenFetcher {
  private static final Set<Integer> POST_UNSUPPORTED = Set.of(400, 401, 404, 405);

  private final Transport transport;
  private final Clock clock;
  private final AuthOptions options;

  TokenFetcher(Transport transport, Clock clock, AuthOptions options) {
    this.transport = Objects.requireNonNull(transport, "transport");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.options = Objects.requireNonNull(options, "options");
  }

  /**
   * Fetches a token for the call's scopes.
   *
   * @param call the call; its scopes are the ones asked for, its credential the one used
   * @param realm the realm, already allowed by {@link RealmPolicy}
   * @param service the challenge's {@code service}, or null
   */
  BearerToken fetch(AuthCall call, URI realm, @Nullable String service) {
    Credential credential = call.credential();
    List<String> scopes = call.scopes();
    if (credential == null) {
      return exchange(call, TokenRequests.get(realm, service, scopes, null, null), List.of());
    }
    if (credential instanceof UsernamePassword up) {
      Request get = TokenRequests.get(realm, service, scopes, up.username(),
          Authorization.basicHeader(up.username(), up.password()));
      if (!options.oauthPasswordGrant()) {
        return exchange(call, get, secretsOf(call, get));
      }
      Request post = TokenRequests.passwordGrant(realm, service, scopes, options.clientId(), up.username(),
          up.password());
      return postOrGet(call, post, get);
    }
    if (credential instanceof IdentityToken it) {
      Request post = TokenRequests.refreshTokenGrant(realm, service, scopes, options.clientId(), it.token());
      Request get = TokenRequests.get(realm, service, scopes, null,
          Authorization.basicHeader(Authorization.IDENTITY_TOKEN_USER, it.token()));
      return postOrGet(call, post, get);
    }
    // what is left is a RegistryToken: the bearer token itself, which RegistryAuth sends without exchange
    throw new IllegalStateException("a registry token is used as it is, never exchanged");
  }

  private BearerToken postOrGet(AuthCall call, Request post, Request get) {
    List<String> secrets = secretsOf(call, get);
    Response response = transport.execute(post, call.context());
    if (POST_UNSUPPORTED.contains(response.status())) {
      response.close();
      return exchange(call, get, secrets);
    }
    return answer(call, post, response, secrets);
  }

  private BearerToken exchange(AuthCall call, Request request, List<String> secrets) {
    return answer(call, request, transport.execute(request, call.context()), secrets);
  }

  private BearerToken answer(AuthCall call, Request request, Response response, List<String> secrets) {
    String realmUrl = Urls.redact(request.uri());
    try (response) {
      int status = response.status();
      if (status < 200 || status > 299) {
        List<RegistryError> errors = ErrorBodies.errors(response);
        throw AuthFailures.tokenServerStatus(call, request.method(), realmUrl, status, errors, secrets);
      }
      byte[] body;
      try (InputStream in = response.smallBody()) {
        body = SmallBodies.read(in, TokenResponseParser.MAX_TOKEN_RESPONSE_BYTES + 1);
      } catch (IOException e) {
        throw new TransportException("reading the token server's answer failed: " + realmUrl + ": "
            + e.getMessage(),
            call.registry(), call.context().repository(), request.method(), realmUrl, e);
      }
      if (body.length > TokenResponseParser.MAX_TOKEN_RESPONSE_BYTES) {
        throw AuthFailures.tokenUnusable(call, request.method(), realmUrl, status,
            "the response is larger than the limit of " + TokenResponseParser.MAX_TOKEN_RESPONSE_BYTES + " bytes");
      }
      try {
        return TokenResponseParser.parse(body, clock.instant());
      } catch (TokenResponseException e) {
        throw AuthFailures.tokenUnusable(call, request.method(), realmUrl, status, Texts.messageOf(e));
      }
    }
  }

  private static List<String> secretsOf(AuthCall call, Request get) {
    return Secrets.of(call.credential(), get.firstHeader("Authorization").orElse(""));
  }
}
