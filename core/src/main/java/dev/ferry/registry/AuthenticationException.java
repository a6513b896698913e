package dev.ferry.registry;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The registry refused access (401 or 403), or a token could not be obtained.
 * Says which registry, which scope was asked for, and whether credentials were
 * found for it, so "not logged in" and "logged in but not allowed" read differently.
 *
 * <p>Thread-safety: immutable.
 *
 * @since 0.1
 */
public final class AuthenticationException extends RegistryResponseException {
  private static final long serialVersionUID = 1L;

  private final String scope;
  private final boolean credentialsFound;

  /**
   * Creates the exception.
   *
   * @param message what failed, where and why
   * @param registry the registry
   * @param repository the repository, or null
   * @param method the HTTP method
   * @param url the URL without secrets
   * @param status the HTTP status (401, 403), or 0 when no response was involved
   * @param errors the registry's error entries, possibly empty
   * @param scope the scope asked for, e.g. {@code repository:org/app:pull,push}, or empty
   * @param credentialsFound whether a credential was found and used
   * @since 0.1
   */
  public AuthenticationException(String message, String registry, @Nullable String repository,
      String method, String url, int status, List<RegistryError> errors, String scope,
      boolean credentialsFound) {
    super(message, registry, repository, method, url, status, errors);
    this.scope = scope;
    this.credentialsFound = credentialsFound;
  }

  /**
   * {@return the scope that was asked for, e.g. {@code repository:org/app:pull}; empty if none}
   *
   * @since 0.1
   */
  public String scope() {
    return scope;
  }

  /**
   * {@return whether a credential was found for the registry and sent}
   *
   * @since 0.1
   */
  public boolean credentialsFound() {
    return credentialsFound;
  }
}
