package dev.ferry.testing.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Authentication and authorisation in front of the distribution API, as
 * distribution's {@code htpasswd} and {@code token} access controllers do it: without
 * or with wrong credentials a 401 {@code UNAUTHORIZED} with a challenge; with Basic
 * credentials that lack a grant a 403 {@code DENIED}; with a Bearer token that lacks
 * the scope a 401 whose challenge says {@code error="insufficient_scope"} and names the
 * scope, so that the client fetches a token for it; with an unknown or expired token
 * {@code error="invalid_token"}. Thread-safe.
 */
public final class Gate {
  /** How callers prove who they are. */
  public enum Mode {
    /** Everyone may do everything. */
    NONE,
    /** HTTP Basic with a user's password on every request. */
    BASIC,
    /** Bearer tokens from the registry's own token endpoint. */
    TOKEN
  }

  /** Who is calling, and what they may do beyond the request's own access (a mount's source). */
  record Caller(@Nullable String user, Predicate<Access> may) {
    static final Caller ANYONE = new Caller(null, access -> true);
  }

  static final String BASIC_REALM = "Ferry EmbeddedRegistry";

  private final Mode mode;
  private final AccessPolicy policy;
  private final Tokens tokens;
  private final String realm;
  private final String service;

  Gate(Mode mode, AccessPolicy policy, Tokens tokens, String realm, String service) {
    this.mode = mode;
    this.policy = policy;
    this.tokens = tokens;
    this.realm = realm;
    this.service = service;
  }

  Mode mode() {
    return mode;
  }

  AccessPolicy policy() {
    return policy;
  }

  Tokens tokens() {
    return tokens;
  }

  String service() {
    return service;
  }

  /** The caller, if allowed {@code needed}; otherwise the error to answer. */
  Caller check(Call call, Access needed) {
    return switch (mode) {
      case NONE -> Caller.ANYONE;
      case BASIC -> basic(call, needed);
      case TOKEN -> bearer(call, needed);
    };
  }

  private Caller basic(Call call, Access needed) {
    Optional<String[]> credentials = call.header("Authorization").flatMap(Gate::basicCredentials);
    if (credentials.isEmpty()) {
      if (!needed.isAuthenticationOnly() && policy.permits(null, needed)) {
        return new Caller(null, access -> policy.permits(null, access));
      }
      throw unauthorized(basicChallenge(), "authentication required");
    }
    String user = policy.authenticate(credentials.get()[0], credentials.get()[1])
        .orElseThrow(() -> unauthorized(basicChallenge(), "wrong user name or password"));
    if (!policy.permits(user, needed)) {
      throw new ApiError(403, "DENIED", "requested access to the resource is denied: " + needed.scope());
    }
    return new Caller(user, access -> policy.permits(user, access));
  }

  private Caller bearer(Call call, Access needed) {
    Optional<String> header = call.header("Authorization");
    if (header.isEmpty() || !header.get().regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw unauthorized(bearerChallenge(needed, null), "authentication required");
    }
    String token = header.get().substring(7).trim();
    Optional<Tokens.Issued> issued = tokens.lookup(token);
    if (issued.isEmpty() || issued.get().expired(tokens.now())) {
      throw unauthorized(bearerChallenge(needed, "invalid_token"),
          issued.isEmpty() ? "the token is not valid" : "the token has expired");
    }
    if (!issued.get().covers(needed)) {
      throw unauthorized(bearerChallenge(needed, "insufficient_scope"),
          "the token does not grant " + needed.scope());
    }
    Tokens.Issued granted = issued.get();
    return new Caller(granted.subject(), granted::covers);
  }

  private static ApiError unauthorized(String challenge, String message) {
    return new ApiError(401, "UNAUTHORIZED", message, null, challenge);
  }

  static String basicChallenge() {
    return "Basic realm=\"" + BASIC_REALM + "\",charset=\"UTF-8\"";
  }

  private String bearerChallenge(Access needed, @Nullable String error) {
    StringBuilder challenge = new StringBuilder("Bearer realm=\"").append(realm).append("\",service=\"")
        .append(service).append('"');
    if (!needed.isAuthenticationOnly()) {
      challenge.append(",scope=\"").append(needed.scope()).append('"');
    }
    if (error != null) {
      challenge.append(",error=\"").append(error).append('"');
    }
    return challenge.toString();
  }

  /** {@code [user, password]} from a {@code Basic} header; empty for anything else or garbage. */
  static Optional<String[]> basicCredentials(String header) {
    if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? Optional.empty()
          : Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
