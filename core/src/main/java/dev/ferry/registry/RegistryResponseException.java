package dev.ferry.registry;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The registry answered with an HTTP error status. Carries the status and the
 * registry's own error codes and messages, when its body had them.
 *
 * <p>Thread-safety: immutable.
 *
 * @since 0.1
 */
public class RegistryResponseException extends RegistryException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final List<RegistryError> errors;

  /**
   * Creates the exception.
   *
   * @param message what failed, where and why
   * @param registry the registry
   * @param repository the repository, or null
   * @param method the HTTP method
   * @param url the URL without secrets
   * @param status the HTTP status
   * @param errors the registry's error entries, possibly empty
   * @since 0.1
   */
  public RegistryResponseException(String message, String registry, @Nullable String repository,
      String method, String url, int status, List<RegistryError> errors) {
    super(message, registry, repository, method, url, null);
    this.status = status;
    this.errors = List.copyOf(errors);
  }

  /**
   * {@return the HTTP status the registry answered with}
   *
   * @since 0.1
   */
  public int status() {
    return status;
  }

  /**
   * {@return the registry's error entries, in the order sent; empty when the body had none}
   *
   * @since 0.1
   */
  public List<RegistryError> errors() {
    return errors;
  }

  /**
   * Whether the registry sent an error with this code.
   *
   * @param code an error code such as {@code MANIFEST_UNKNOWN}
   * @return true if any entry has it
   * @since 0.1
   */
  public boolean hasCode(String code) {
    return errors.stream().anyMatch(e -> e.code().equals(code));
  }
}
