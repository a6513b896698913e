package dev.ferry.auth;

import java.util.Objects;
import java.util.Optional;

/** One credential for one registry. Immutable, hence thread-safe. */
final class SingleRegistryProvider implements CredentialProvider {
  private final String registry;
  private final Credential credential;

  SingleRegistryProvider(String registry, Credential credential) {
    this.registry = RegistryNames.canonical(Objects.requireNonNull(registry, "registry"));
    Objects.requireNonNull(credential, "credential");
    // a credential given in code is named by the call that gave it, unless its maker said more
    this.credential = credential.source().isPresent() ? credential
        : credential.withSource("CredentialProvider.of(\"" + this.registry + "\", ...)");
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
