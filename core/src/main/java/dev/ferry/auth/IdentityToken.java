package dev.ferry.auth;

import java.util.Objects;

/**
 * An OAuth2 refresh token (Docker's {@code identitytoken}), exchanged at the
 * registry's token endpoint with {@code grant_type=refresh_token}.
 *
 * @param token the refresh token; never printed
 * @since 0.1
 */
public record IdentityToken(String token) implements Credential {
  /**
   * Validates the token.
   *
   * @param token the refresh token
   * @since 0.1
   */
  public IdentityToken {
    Objects.requireNonNull(token, "token");
  }

  /**
   * {@return a redacted form}
   *
   * @since 0.1
   */
  @Override
  public String toString() {
    return "IdentityToken[<redacted>]";
  }
}
