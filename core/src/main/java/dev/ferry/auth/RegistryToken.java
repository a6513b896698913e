package dev.ferry.auth;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A bearer token for the registry itself (Docker's {@code registrytoken}), sent
 * as-is without a token exchange.
 *
 * @param token the bearer token; never printed
 * @param source where it was found (see {@link Credential#source()}); not part of equality
 * @since 0.1
 */
public record RegistryToken(String token, Optional<String> source) implements Credential {
  /**
   * Validates the parts.
   *
   * @param token the bearer token
   * @param source where it was found, or empty
   * @since 0.1
   */
  public RegistryToken {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(source, "source");
  }

  /**
   * A bearer token found nowhere in particular (given in code).
   *
   * @param token the bearer token
   * @since 0.1
   */
  public RegistryToken(String token) {
    this(token, Optional.empty());
  }

  /**
   * {@inheritDoc}
   *
   * @since 0.1
   */
  @Override
  public RegistryToken withSource(String source) {
    return new RegistryToken(token, CredentialSources.of(source));
  }

  /**
   * {@return whether the other is a {@code RegistryToken} with the same token}
   *
   * @param other the object to compare with
   * @since 0.1
   */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof RegistryToken that && token.equals(that.token);
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
    return "RegistryToken[<redacted>" + CredentialSources.text(source) + "]";
  }
}
