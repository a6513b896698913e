package dev.ferry.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Asks providers in order. Immutable; thread-safe when its providers are (which the SPI requires). */
final class CredentialChain implements CredentialProvider {
  private final List<CredentialProvider> providers;
  private final String foundBy;

  CredentialChain(List<CredentialProvider> providers) {
    this(providers, "");
  }

  private CredentialChain(List<CredentialProvider> providers, String foundBy) {
    // List.of / List.copyOf already refuse null elements; the message names what was null
    for (CredentialProvider p : providers) {
      Objects.requireNonNull(p, "provider");
    }
    this.providers = providers;
    this.foundBy = foundBy;
  }

  /** Every provider the loader finds, created now so that a broken one fails here and not mid-copy. */
  static CredentialProvider loaded(Iterable<CredentialProvider> loader) {
    List<CredentialProvider> found = new ArrayList<>();
    for (CredentialProvider p : loader) {
      found.add(p);
    }
    return new CredentialChain(List.copyOf(found), " (registered with ServiceLoader)");
  }

  @Override
  public Optional<Credential> credentialFor(String registry, String repository) {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(repository, "repository");
    for (CredentialProvider p : providers) {
      Optional<Credential> found = p.credentialFor(registry, repository);
      if (found == null) {
        throw new CredentialException("credential provider " + p.getClass().getName()
            + " returned null instead of Optional.empty()");
      }
      if (found.isPresent()) {
        return Optional.of(labelled(found.get(), p, foundBy));
      }
    }
    return Optional.empty();
  }

  /** The credential with a source: its own, else the class of the provider that answered. */
  static Credential labelled(Credential credential, CredentialProvider provider, String foundBy) {
    return credential.source().isPresent() ? credential
        : credential.withSource("credential provider " + provider.getClass().getName() + foundBy);
  }

  /** Closes every member, even after one fails; the first failure is thrown, the rest added to it. */
  @Override
  public void close() {
    RuntimeException failure = null;
    for (CredentialProvider p : providers) {
      try {
        p.close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  List<CredentialProvider> providers() {
    return providers;
  }

  @Override
  public String toString() {
    return "CredentialProvider.chain" + providers;
  }
}
