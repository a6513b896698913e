package dev.ferry.auth;

import dev.ferry.internal.auth.config.PullSecrets;
import dev.ferry.internal.auth.config.StandardLocations;
import java.util.ArrayList;
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
 * <p>Ownership: whoever creates a provider closes it. A {@code RegistryClient} never closes the
 * provider it was given (several clients may share one). The chain {@link #defaults()} returns
 * owns the providers it found with {@link ServiceLoader} and closes them when it is closed; a
 * chain made with {@link #chain} closes its members too. Close a provider that holds resources
 * (a cloud SDK client) when done, with try-with-resources; one that is never closed holds no
 * threads, so it only waits for the garbage collector.
 *
 * <pre>{@code
 * try (CredentialProvider credentials = CredentialProvider.defaults();
 *      RegistryClient client = RegistryClient.builder().credentials(credentials).build()) { ... }
 * }</pre>
 *
 * @since 0.1
 */
public interface CredentialProvider extends AutoCloseable {
  /**
   * The credential to use for a repository of a registry, if this provider has one.
   *
   * @param registry the registry as users name it, e.g. {@code docker.io}, {@code localhost:5000}
   * @param repository the repository path, e.g. {@code library/nginx}; empty for registry-wide calls
   * @return the credential, or empty to let the next provider (or anonymous access) decide
   * @throws CredentialException when a source exists but is broken (never silently anonymous)
   * @since 0.1
   */
  Optional<Credential> credentialFor(String registry, String repository);

  /**
   * Releases what this provider holds (cloud SDK clients, cached secrets). The default holds
   * nothing and does nothing. Idempotent; a closed provider may refuse further lookups.
   *
   * @throws CredentialException if releasing failed
   * @since 0.1
   */
  @Override
  default void close() {}

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
   * Credentials from Kubernetes pull secrets, in any form users hold one: the decoded value of a
   * {@code kubernetes.io/dockerconfigjson} secret's {@code .dockerconfigjson}
   * ({@code {"auths": {...}}}) or of a legacy {@code kubernetes.io/dockercfg} secret's
   * {@code .dockercfg} (the map of registries itself); that value still base64-encoded, as it sits
   * in the Secret's {@code data}; or the whole Secret object, JSON or YAML, as
   * {@code kubectl get secret NAME -o json} / {@code -o yaml} prints it or as written by hand
   * ({@code data} in base64, or {@code stringData} in clear; the {@code type} decides the key).
   * YAML is read in the block style kubectl and hand-written Secrets use; pass JSON for anything
   * fancier (flow style, anchors) under {@code data}.
   *
   * <pre>{@code
   * CredentialProvider pull = CredentialProvider.fromDockerConfigJson(Files.readString(secretFile));
   * CredentialProvider same = CredentialProvider.fromDockerConfigJson(Files.readString(Path.of("regcred.yaml")));
   * }</pre>
   *
   * <p>Keys are read as kubelet reads them: the scheme and a leading {@code /v1/} or
   * {@code /v2/} are dropped, the rest of the path scopes the key to a namespace or
   * repository, host labels may be globs ({@code *.gcr.io}) and the port must match.
   * Entries give {@code auth} (base64 of {@code user:password}) or
   * {@code username}/{@code password}; like kubelet, no helpers and no tokens.
   *
   * @param json the secret: its decoded data, that data in base64, or the whole Secret (JSON or YAML)
   * @return the provider
   * @throws NullPointerException if the string is null
   * @throws CredentialException if the secret is none of these forms, a Secret of another type, or an
   *     entry is malformed; the message says what was passed and names the entry, never the secret
   * @since 0.1
   */
  static CredentialProvider fromDockerConfigJson(String json) {
    return PullSecrets.of(List.of(json));
  }

  /**
   * Credentials from several Kubernetes pull secrets, merged as kubelet merges a pod's
   * {@code imagePullSecrets}: the most specific key covering the repository wins (keys
   * are tried in reverse lexicographic order, so {@code quay.io/org} before
   * {@code quay.io}), and among equal keys the earlier secret wins. Each secret is read
   * as {@link #fromDockerConfigJson(String)} reads it.
   *
   * @param secrets the secrets' decoded data, in the pod's order; copied
   * @return the provider
   * @throws NullPointerException if the list or one of its elements is null
   * @throws CredentialException if a secret is malformed; the message says which one, never its secrets
   * @since 0.1
   */
  static CredentialProvider fromDockerConfigJson(List<String> secrets) {
    return PullSecrets.of(List.copyOf(secrets));
  }

  /**
   * The default sources of this process's environment: {@code defaults(CredentialEnvironment.system())}.
   * See {@link #defaults(CredentialEnvironment)} for what is asked, in which order and why.
   *
   * @return the chain of default sources
   * @throws CredentialException when a registered provider cannot be loaded or created
   * @since 0.1
   */
  static CredentialProvider defaults() {
    return defaults(CredentialEnvironment.system());
  }

  /**
   * The sources where users already keep credentials, asked in this order; the first
   * that has a credential for the registry and repository wins:
   * <ol>
   *   <li>{@code DOCKER_AUTH_CONFIG}: a whole {@code config.json} in an environment
   *       variable (GitLab CI, Testcontainers, and recent Docker CLI releases). It is the
   *       explicit, per-process override, so it comes before every file, as in Docker.
   *   <li>{@code REGISTRY_AUTH_FILE}, else {@code $XDG_RUNTIME_DIR/containers/auth.json}:
   *       where {@code podman login}, {@code skopeo login} and {@code buildah login} write.
   *   <li>{@code ${XDG_CONFIG_HOME:-~/.config}/containers/auth.json}.
   *   <li>{@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}: where
   *       {@code docker login}, {@code aws ecr get-login-password | docker login},
   *       {@code gcloud auth configure-docker} and {@code az acr login} write, with its
   *       {@code credHelpers} and {@code credsStore}.
   *   <li>{@code ~/.dockercfg}, Docker's legacy file.
   *   <li>The providers registered with {@link ServiceLoader} (the cloud modules: adding
   *       {@code ferry-auth-aws} to the class or module path is all it takes for ECR), in
   *       the order the loader finds them.
   * </ol>
   * Why this order: items 2 to 5 are the order containers/image (podman, skopeo,
   * buildah) reads them in, and that order already contains Docker's own files, so a
   * user who logged in with either family of tools gets the credential those tools would
   * use. The cloud modules come last: a credential the user stored, or a helper the user
   * configured for a registry, is an explicit choice and wins over credentials minted from
   * ambient cloud identity. Each file is read as {@link DockerConfig} describes, and helpers
   * run as {@link CredentialHelper} describes. A missing file or variable is skipped; a
   * file that is present but malformed, or a helper that fails, makes the lookup fail with
   * a {@link CredentialException} rather than go on anonymously — unless an earlier source
   * already had the credential. A file that appears twice is asked once, in its first place.
   *
   * <p>Environment variables are read from {@code environment} and {@code ~} is its home
   * directory. The ServiceLoader providers are found and created when this method is
   * called; files are read and helpers run at the first lookup that reaches them, and what
   * they give is kept for the provider's life. With no source present, access is anonymous.
   *
   * @param environment the variables, home directory and helper time limit to use
   * @return the chain of default sources
   * @throws NullPointerException if the environment is null
   * @throws CredentialException when a registered provider cannot be loaded or created
   * @since 0.1
   */
  static CredentialProvider defaults(CredentialEnvironment environment) {
    List<CredentialProvider> sources = new ArrayList<>(StandardLocations.sources(environment));
    try {
      sources.add(CredentialChain.loaded(ServiceLoader.load(CredentialProvider.class)));
    } catch (ServiceConfigurationError e) {
      throw new CredentialException("a credential provider registered with ServiceLoader could not be loaded: "
          + Objects.toString(e.getMessage(), e.getClass().getName()), e);
    }
    return new CredentialChain(List.copyOf(sources));
  }
}
