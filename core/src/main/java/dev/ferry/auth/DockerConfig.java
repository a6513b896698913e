package dev.ferry.auth;

import dev.ferry.internal.auth.config.ConfigSource;
import dev.ferry.internal.auth.config.HelperClient;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Credentials from one Docker {@code config.json}, containers {@code auth.json} (the
 * same format) or legacy {@code .dockercfg} file, for a build plugin or an application
 * that keeps its own file. {@link CredentialProvider#defaults()} already reads the files
 * Docker and podman use; this reads exactly the one named.
 *
 * <pre>{@code
 * CredentialProvider credentials = DockerConfig.file(Path.of("ci/auth.json"), CredentialEnvironment.system());
 * }</pre>
 *
 * <p>What is read, as Docker and containers/image read it:
 * <ul>
 *   <li>{@code auths} entries: {@code registrytoken} (sent as the bearer token), else
 *       {@code identitytoken} (an OAuth2 refresh token), else {@code auth} (base64 of
 *       {@code user:password}, split at the first {@code :}), else
 *       {@code username}/{@code password}. An empty entry ({@code {}}, which Docker
 *       writes when a helper holds the secret) has no credential.
 *   <li>Keys: a key with a scheme ({@code https://index.docker.io/v1/},
 *       {@code http://registry:5000/v2/}) names its host; a key without one names a host
 *       ({@code ghcr.io}, {@code localhost:5000}) or a namespace or repository under it
 *       ({@code quay.io/org}, {@code quay.io/org/app}), and the longest one covering the
 *       repository wins. Host names ignore case; {@code docker.io},
 *       {@code index.docker.io}, {@code registry-1.docker.io} and the v1 URL all name Docker Hub.
 *   <li>{@code credHelpers} (per registry), then {@code credsStore} (for every other
 *       registry): the helper {@code docker-credential-<name>} is asked instead of the
 *       {@code auths} entries, as Docker does; see {@link CredentialHelper}.
 * </ul>
 *
 * <p>The file is read at the first lookup and kept for the provider's life; a file that
 * does not exist has no credentials. A file that cannot be read or parsed (malformed JSON,
 * bad base64, a field of the wrong type) fails every lookup with a
 * {@link CredentialException} that names the file and the entry, never the secret.
 *
 * <p>Thread-safety: thread-safe.
 *
 * @since 0.1
 */
public final class DockerConfig implements CredentialProvider {
  private final ConfigSource source;
  private final Path path;

  private DockerConfig(ConfigSource source, Path path) {
    this.source = source;
    this.path = path;
  }

  /**
   * A {@code config.json} or {@code auth.json} file.
   *
   * @param file the file; it need not exist
   * @param environment where the credential helpers the file names are found ({@code PATH}),
   *     the environment they run with, and their time limit
   * @return the provider
   * @throws NullPointerException if an argument is null
   * @since 0.1
   */
  public static DockerConfig file(Path file, CredentialEnvironment environment) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(environment, "environment");
    return new DockerConfig(ConfigSource.dockerFile(file, new HelperClient(environment)), file);
  }

  /**
   * A legacy {@code .dockercfg} file: its root object maps registries (host names or
   * URLs, each naming its host) to entries.
   *
   * @param file the file; it need not exist
   * @return the provider
   * @throws NullPointerException if the file is null
   * @since 0.1
   */
  public static DockerConfig legacyFile(Path file) {
    Objects.requireNonNull(file, "file");
    return new DockerConfig(ConfigSource.legacyFile(file), file);
  }

  /**
   * The file this provider reads.
   *
   * @return the path as given
   * @since 0.1
   */
  public Path path() {
    return path;
  }

  /**
   * {@inheritDoc}
   *
   * @throws CredentialException when the file cannot be read or parsed, or a helper it names fails
   *     (a {@link CredentialHelperException})
   * @since 0.1
   */
  @Override
  public Optional<Credential> credentialFor(String registry, String repository) {
    return source.credentialFor(registry, repository);
  }

  /**
   * {@return the file's path, never its content}
   *
   * @since 0.1
   */
  @Override
  public String toString() {
    return "DockerConfig[" + path + "]";
  }
}
