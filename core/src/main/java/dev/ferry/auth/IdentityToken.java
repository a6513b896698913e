package dev.ferry.auth;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An OAuth2 refresh token (Docker's {@code identitytoken}), exchanged at the
 * registry's token endpoint with {@code grant_type=refresh_token}.
 *
 * @param token the refresh token; never printed
 * @param source where it was found (see {@link Credential#source()}); not part of equality
 * @since 0.1
 */
public record IdentityToken(String token, Optional<String> source) implements Credential {
  /**
   * Validates the parts.
   *
   * @param token the refresh token
   * @param source where it was found, or empty
   * @since 0.1
   */
  public IdentityToken {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(source, "source");
  }

  /**
   * A refresh token found nowhere in particular (given in code).
   *
   * @param token the refresh token
   * @since 0.1
   */
  public IdentityToken(String token) {
    this(token, Optional.empty());
  }

  /**
   * {@inheritDoc}
   *
   * @since 0.1
   */
  @Override
  public IdentityToken withSource(String source) {
    return new IdentityToken(token, CredentialSources.of(source));
  }

  /**
   * {@return whether the other is a {@code IdentityToken} with the same token}
   *
   * @param other the object to compare with
   * @since 0.1
   */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof IdentityToken that && token.equals(that.token);
  }

  /**
   * {@return a hash of the token}
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
    return "IdentityToken[<redacted>" + CredentialSources.text(source) + "]";
  }
}
