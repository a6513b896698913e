package dev.ferry.auth;

/**
 * A secret that proves who the caller is to a registry. {@code toString()} of
 * every kind redacts the secret.
 *
 * <p>Thread-safety: immutable.
 *
 * @since 0.1
 */
public sealed interface Credential permits UsernamePassword, IdentityToken, RegistryToken {}
