package dev.ferry.auth;

import java.util.Objects;
import java.util.Optional;

/** One credential for one registry. Immutable, hence thread-safe. */
final class SingleRegistryProvider implements CredentialProvider {
  private final String registry;
  private final Credential credential;

  SingleRegistryProvider(String registry, Credential credential) {
    this.registry = RegistryNames.canonical(Objects.requireNonNull(registry, "registry"));
    this.credential = Objects.requireNonNull(credential, "credential");
  }

  @Override
  public Optional<Credential> credentialFor(String registry, String repository) {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(repository, "repository");
    return RegistryNames.sameRegistry(this.registry, registry) ? Optional.of(credential) : Optional.empty();
  }

  /**
   * Names the registry and the credential's kind; the credential's own toString redacts its secret.
   *
   * @since 0.1
   */
  @Override
  public String toString() {
    return "CredentialProvider.of(" + registry + ", " + credential + ")";
  }
}
