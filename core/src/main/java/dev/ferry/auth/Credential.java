package dev.ferry.auth;

import java.util.Optional;

/**
 * A secret that proves who the caller is to a registry. {@code toString()} of
 * every kind redacts the secret.
 *
 * <pre>{@code
 * Credential login = Credential.basic("ci-bot", System.getenv("REGISTRY_TOKEN"));
 * CredentialProvider provider = CredentialProvider.of("ghcr.io", login);
 * }</pre>
 *
 * <p>A credential may say where it was found ({@link #source()}): a file and entry, a credential
 * helper, a pull secret, a provider. Ferry's own sources set it, and a registry that refuses the
 * credential is reported with it, so the user knows which login to renew. It is a description,
 * never a secret, and takes no part in equality: two credentials are equal when they hold the same
 * secret, wherever they were found.
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

  /**
   * {@return where this credential was found, for messages: for example
   * {@code /home/u/.docker/config.json (auths."ghcr.io")}; empty when nobody said}
   *
   * @since 0.1
   */
  Optional<String> source();

  /**
   * The same secret, described as found at {@code source}. Providers outside Ferry call it so that
   * errors name their store: {@code Credential.basic(user, token).withSource("vault secret ci/registry")}.
   *
   * @param source where the credential was found; a description, never a secret
   * @return a credential of the same kind and secret with that source
   * @throws NullPointerException if the source is null
   * @throws IllegalArgumentException if the source is blank
   * @since 0.1
   */
  Credential withSource(String source);
}
