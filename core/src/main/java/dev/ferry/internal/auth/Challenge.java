package dev.ferry.internal.auth;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One authentication challenge from a {@code WWW-Authenticate} header (RFC 9110
 * section 11.6.1). Immutable.
 *
 * @param scheme the auth scheme, lower case: {@code bearer}, {@code basic}
 * @param params the auth-params, keys in lower case, values unquoted and unescaped
 * @param token68 the token68 form ({@code Negotiate abc==}), or null when the challenge has params
 */
public record Challenge(String scheme, Map<String, String> params, @Nullable String token68) {
  public Challenge {
    Objects.requireNonNull(scheme, "scheme");
    scheme = scheme.toLowerCase(Locale.ROOT);
    params = Map.copyOf(params);
  }

  public Challenge(String scheme, Map<String, String> params) {
    this(scheme, params, null);
  }

  /** Whether this is the scheme named, ignoring case. */
  public boolean is(String name) {
    return scheme.equalsIgnoreCase(name);
  }

  /** The value of a param (name in any case); present even when empty, as in {@code realm=""}. */
  public Optional<String> param(String name) {
    return Optional.ofNullable(params.get(name.toLowerCase(Locale.ROOT)));
  }
}
