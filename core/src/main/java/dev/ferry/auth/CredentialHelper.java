package dev.ferry.auth;

import dev.ferry.internal.auth.config.HelperClient;
import dev.ferry.internal.auth.config.HelperNames;
import dev.ferry.internal.auth.config.Hosts;
import java.util.Objects;
import java.util.Optional;

/**
 * Credentials from a Docker credential helper, {@code docker-credential-<name>} (e.g.
 * {@code desktop}, {@code osxkeychain}, {@code pass}, {@code ecr-login}, {@code gcloud}),
 * for every registry. Config files name their helpers in {@code credHelpers} and
 * {@code credsStore}, which {@link DockerConfig} and {@link CredentialProvider#defaults()}
 * follow; this asks one helper directly.
 *
 * <pre>{@code
 * CredentialProvider ecr = CredentialHelper.named("ecr-login", CredentialEnvironment.system());
 * }</pre>
 *
 * <p>The helper is found on the environment's {@code PATH} and run as
 * {@code docker-credential-<name> get} with the environment's variables, the server on
 * its standard input (the host, with its port; {@code https://index.docker.io/v1/} for
 * Docker Hub, as Docker asks), and answers {@code {"ServerURL", "Username", "Secret"}}
 * on its standard output; the user name {@code <token>} marks the secret as an identity
 * token. "credentials not found in native keychain" means no credential: the registry is
 * accessed anonymously. Anything else (not on the {@code PATH}, a non-zero exit, output
 * that is not that JSON, no answer within the environment's
 * {@linkplain CredentialEnvironment#helperTimeout() time limit}, after which the helper
 * is killed) is a {@link CredentialHelperException}.
 *
 * <p>Each answer, including "none" and failures, is kept for the provider's life: the
 * helper runs at most once per registry.
 *
 * <p>Thread-safety: thread-safe; threads asking for the same registry at once share one run.
 *
 * @since 0.1
 */
public final class CredentialHelper implements CredentialProvider {
  private final String name;
  private final HelperClient client;

  private CredentialHelper(String name, HelperClient client) {
    this.name = name;
    this.client = client;
  }

  /**
   * The helper {@code docker-credential-<name>}.
   *
   * @param name the helper's name without the {@code docker-credential-} prefix, e.g. {@code desktop}
   * @param environment where the helper is found ({@code PATH}), the environment it runs with, and its time limit
   * @return the provider; the helper is looked for at the first lookup
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the name holds anything but letters, digits, {@code .}, {@code _}
   *     and {@code -}, or starts with {@code .} or {@code -}
   * @since 0.1
   */
  public static CredentialHelper named(String name, CredentialEnvironment environment) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(environment, "environment");
    if (!HelperNames.valid(name)) {
      throw new IllegalArgumentException("not a credential helper name: letters, digits, '.', '_' and '-' only,"
          + " without the " + HelperNames.PREFIX + " prefix");
    }
    return new CredentialHelper(name, new HelperClient(environment));
  }

  /**
   * The helper's name.
   *
   * @return the name without the prefix, e.g. {@code desktop}
   * @since 0.1
   */
  public String name() {
    return name;
  }

  /**
   * {@inheritDoc}
   *
   * @throws CredentialHelperException when the helper gives no usable answer
   * @since 0.1
   */
  @Override
  public Optional<Credential> credentialFor(String registry, String repository) {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(repository, "repository");
    return client.get(name, Hosts.serverUrl(registry), "CredentialHelper.named");
  }

  /**
   * {@return the helper's program name}
   *
   * @since 0.1
   */
  @Override
  public String toString() {
    return "CredentialHelper[" + HelperNames.PREFIX + name + "]";
  }
}
