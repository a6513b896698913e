package dev.ferry.auth;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds the credential for a registry and repository. The SPI through which
 * Docker/podman config files, credential helpers and the cloud modules plug in;
 * cloud modules register implementations with {@link java.util.ServiceLoader}.
 *
 * <pre>{@code
 * CredentialProvider credentials = CredentialProvider.chain(
 *     CredentialProvider.of("ghcr.io", Credential.basic("bot", token)),
 *     CredentialProvider.defaults());
 * }</pre>
 *
 * <p>The registry client asks its provider once for every request it sends, so
 * an implementation that is slow to answer (one that runs a process or calls a
 * cloud API) should cache what it finds.
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

  /**
   * A provider that never has a credential: every registry is accessed anonymously.
   *
   * @return the anonymous provider
   * @since 0.1
   */
  static CredentialProvider anonymous() {
    return AnonymousCredentialProvider.INSTANCE;
  }

  /**
   * A provider with one credential for one registry, for every repository of it.
   * Registry names are compared without regard to case, and {@code docker.io},
   * {@code index.docker.io} and {@code registry-1.docker.io} name the same registry.
   *
   * @param registry the registry host, with its port if not the default, e.g. {@code ghcr.io} or {@code localhost:5000}
   * @param credential the credential to use for it
   * @return the provider
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the registry name is blank or not a bare host
   * @since 0.1
   */
  static CredentialProvider of(String registry, Credential credential) {
    return new SingleRegistryProvider(registry, credential);
  }

  /**
   * Asks the providers in order; the first that has a credential wins. A
   * {@link CredentialException} from any of them propagates: a broken source is
   * reported rather than skipped.
   *
   * @param providers the providers, in order
   * @return the chain
   * @throws NullPointerException if the array or one of its elements is null
   * @since 0.1
   */
  static CredentialProvider chain(CredentialProvider... providers) {
    return new CredentialChain(List.of(providers));
  }

  /**
   * Asks the providers in order; the first that has a credential wins. A
   * {@link CredentialException} from any of them propagates.
   *
   * @param providers the providers, in order; copied
   * @return the chain
   * @throws NullPointerException if the list or one of its elements is null
   * @since 0.1
   */
  static CredentialProvider chain(List<? extends CredentialProvider> providers) {
    return new CredentialChain(List.copyOf(providers));
  }

  /**
   * The default sources, in a chain: for now the providers registered with
   * {@link ServiceLoader} (the cloud modules: adding {@code ferry-auth-aws} to the
   * class or module path is all it takes for ECR). The Docker and podman config
   * files and their credential helpers join this chain in a later release. With
   * no source present, access is anonymous.
   *
   * <p>The providers are found and created when this method is called.
   *
   * @return the chain of default sources
   * @throws CredentialException when a registered provider cannot be loaded or created
   * @since 0.1
   */
  static CredentialProvider defaults() {
    try {
      return CredentialChain.loaded(ServiceLoader.load(CredentialProvider.class));
    } catch (ServiceConfigurationError e) {
      throw new CredentialException("a credential provider registered with ServiceLoader could not be loaded: "
          + Objects.toString(e.getMessage(), e.getClass().getName()), e);
    }
  }
}
