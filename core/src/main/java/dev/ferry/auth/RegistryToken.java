package dev.ferry.auth;

import java.util.Objects;

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
   * {@return a redacted form}
   *
   * @since 0.1
   */
  @Override
  public String toString() {
    return "RegistryToken[<redacted>]";
  }
}
