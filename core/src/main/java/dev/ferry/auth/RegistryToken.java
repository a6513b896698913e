package dev.ferry.auth;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A bearer token for the registry itself (Docker's {@code registrytoken}), sent
 * as-is without a token exchange.
 *
 * @param token the bearer token; never printed
 * @since 0.1
 */
public record RegistryToken(String token) implements Credential {
  /**
   * Validates the token.
   *
   * @param token the bearer token
   * @since 0.1
   */
  public RegistryToken {
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
    return other instanceof RegistryToken that && token.equals(that.token);
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
    return "RegistryToken[<redacted>]";
  }
}
