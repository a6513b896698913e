package dev.ferry.auth;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

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
   * Whether {@code other} is a token of the same kind with the same parts.
   *
   * @since 0.1
   */
  @Override
  public boolean equals(@Nullable Object other) {
    // written out: a record's generated equals and hashCode are bootstrapped through method
    // handles, which costs a fresh JVM dozens of generated classes on its first token lookup
    return other instanceof IdentityToken that && token.equals(that.token);
  }

  /**
   * {@return a hash of the parts}
   *
   * @since 0.1
   */
  @Override
  public int hashCode() {
    return token.hashCode();
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
