package dev.ferry.auth;

import java.util.Optional;

/**
 * Finds the credential for a registry and repository. The SPI through which
 * Docker/podman config files, credential helpers and the cloud modules plug in;
 * cloud modules register implementations with {@link java.util.ServiceLoader}.
 *
 * <p>Implementations must be thread-safe.
 *
 * @since 0.1
 */
public interface CredentialProvider {
  /**
   * The credential to use for a repository of a registry, if this provider has one.
   *
   * @param registry the registry as users name it, e.g. {@code docker.io}, {@code localhost:5000}
   * @param repository the repository path, e.g. {@code library/nginx}; empty for registry-wide calls
   * @return the credential, or empty to let the next provider (or anonymous access) decide
   * @throws CredentialException when a source exists but is broken (never silently anonymous)
   */
  Optional<Credential> credentialFor(String registry, String repository);
}
