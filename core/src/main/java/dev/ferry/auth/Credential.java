package dev.ferry.auth;

/**
 * A secret that proves who the caller is to a registry. {@code toString()} of
 * every kind redacts the secret.
 *
 * <pre>{@code
 * Credential login = Credential.basic("ci-bot", System.getenv("REGISTRY_TOKEN"));
 * CredentialProvider provider = CredentialProvider.of("ghcr.io", login);
 * }</pre>
 *
 * <p>Thread-safety: immutable.
 *
 * @since 0.1
 */
public sealed interface Credential permits UsernamePassword, IdentityToken, RegistryToken {
  /**
   * A user name and password (or an access token used as a password).
   *
   * @param username the user name
   * @param password the password or token; never printed
   * @return the credential
   * @throws NullPointerException if either part is null
   * @since 0.1
   */
  static Credential basic(String username, String password) {
    return new UsernamePassword(username, password);
  }

  /**
   * An OAuth2 refresh token (Docker's {@code identitytoken}).
   *
   * @param refreshToken the refresh token; never printed
   * @return the credential
   * @throws NullPointerException if the token is null
   * @since 0.1
   */
  static Credential identityToken(String refreshToken) {
    return new IdentityToken(refreshToken);
  }

  /**
   * A bearer token for the registry itself (Docker's {@code registrytoken}), sent as-is.
   *
   * @param token the bearer token; never printed
   * @return the credential
   * @throws NullPointerException if the token is null
   * @since 0.1
   */
  static Credential registryToken(String token) {
    return new RegistryToken(token);
  }
}
