package dev.ferry.auth;

import java.util.Objects;
import java.util.Optional;

/** Never has a credential. Stateless, hence thread-safe. */
final class AnonymousCredentialProvider implements CredentialProvider {
  static final CredentialProvider INSTANCE = new AnonymousCredentialProvider();

  private AnonymousCredentialProvider() {}

  @Override
  public Optional<Credential> credentialFor(String registry, String repository) {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(repository, "repository");
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "CredentialProvider.anonymous()";
  }
}
