package dev.ferry.registry;

import java.util.Objects;
import java.util.Optional;

/**
 * One call of a {@link RegistryClient} method, as its {@link RegistryEventListener} sees it:
 * every request, retry and token fetch that call makes is reported with it. A blob opened
 * with {@link RegistryClient#openBlob} stays one call until its stream is closed, resumed
 * downloads included; a pushed blob stays one call through its resumes and restarts.
 *
 * <p>Thread-safety: immutable.
 *
 * @param operation the client method, for example {@code fetchManifest} or {@code pushBlob}
 * @param registry the registry as in image references, for example {@code docker.io}
 * @param repository the repository, empty for registry-wide calls ({@code ping}, {@code catalog})
 * @since 0.1
 */
public record RegistryCall(String operation, String registry, Optional<String> repository) {
  /**
   * Validates the parts.
   *
   * @param operation the client method
   * @param registry the registry
   * @param repository the repository, or empty
   * @since 0.1
   */
  public RegistryCall {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(repository, "repository");
  }

  /**
   * {@code fetchManifest docker.io/library/nginx}, or {@code catalog localhost:5000}.
   *
   * @return the operation and where
   * @since 0.1
   */
  @Override
  public String toString() {
    return operation + " " + registry + repository.map(r -> "/" + r).orElse("");
  }
}
