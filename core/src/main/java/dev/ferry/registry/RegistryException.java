package dev.ferry.registry;

import dev.ferry.FerryException;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A registry operation failed. Carries where it failed: the registry, the
 * repository when there was one, and the HTTP method and URL (never with
 * credentials or tokens in it). Subtypes say why.
 *
 * <p>Thread-safety: immutable.
 *
 * @since 0.1
 */
public abstract class RegistryException extends FerryException {
  private static final long serialVersionUID = 1L;

  private final String registry;
  private final @Nullable String repository;
  private final @Nullable String method;
  private final @Nullable String url;

  /**
   * Creates the exception.
   *
   * @param message what failed, where and why
   * @param registry the registry, e.g. {@code docker.io}
   * @param repository the repository, or null for registry-wide calls
   * @param method the HTTP method, or null
   * @param url the URL without secrets, or null
   * @param cause the underlying failure, or null
   * @since 0.1
   */
  protected RegistryException(String message, String registry, @Nullable String repository,
      @Nullable String method, @Nullable String url, @Nullable Throwable cause) {
    super(message, cause);
    this.registry = Objects.requireNonNull(registry, "registry");
    this.repository = repository;
    this.method = method;
    this.url = url;
  }

  /**
   * {@return the registry, e.g. {@code docker.io} or {@code localhost:5000}}
   *
   * @since 0.1
   */
  public String registry() {
    return registry;
  }

  /**
   * {@return the repository the call was about, if any}
   *
   * @since 0.1
   */
  public Optional<String> repository() {
    return Optional.ofNullable(repository);
  }

  /**
   * {@return the HTTP method of the failed request, if a request was made}
   *
   * @since 0.1
   */
  public Optional<String> method() {
    return Optional.ofNullable(method);
  }

  /**
   * {@return the URL of the failed request, without credentials or tokens}
   *
   * @since 0.1
   */
  public Optional<String> url() {
    return Optional.ofNullable(url);
  }
}
