package dev.ferry.internal.auth;

import dev.ferry.auth.UsernamePassword;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An {@code Authorization} header value and, for a cached bearer token, the token
 * it came from (so a refusal can drop exactly that cache entry). Immutable;
 * {@link #toString()} names the scheme only.
 *
 * @param header the header value, e.g. {@code Basic dXNlcjpwYXNz}
 * @param cached the cached token it carries, or null
 */
record Authorization(String header, @Nullable BearerToken cached) {
  /** The user name Docker stores with an identity token; sent when one goes into Basic auth. */
  static final String IDENTITY_TOKEN_USER = "<token>";

  Authorization {
    Objects.requireNonNull(header, "header");
  }

  static Authorization basic(UsernamePassword credential) {
    return new Authorization(basicHeader(credential.username(), credential.password()), null);
  }

  static String basicHeader(String username, String password) {
    // RFC 7617: user-id ":" password, UTF-8, base64
    byte[] pair = (username + ":" + password).getBytes(StandardCharsets.UTF_8);
    return "Basic " + Base64.getEncoder().encodeToString(pair);
  }

  static Authorization bearer(BearerToken token) {
    return new Authorization(token.authorization(), token);
  }

  static Authorization bearer(String token) {
    return new Authorization("Bearer " + token, null);
  }

  @Override
  public String toString() {
    int space = header.indexOf(' ');
    return "Authorization[" + (space < 0 ? "?" : header.substring(0, space)) + " <redacted>]";
  }
}
