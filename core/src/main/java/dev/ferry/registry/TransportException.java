package dev.ferry.registry;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * The registry could not be reached or the connection failed (after retries):
 * DNS, refused connection, TLS handshake, timeout, reset. Wraps the {@link IOException}.
 *
 * <p>Thread-safety: immutable.
 *
 * @since 0.1
 */
public final class TransportException extends RegistryException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed, where and why
   * @param registry the registry
   * @param repository the repository, or null
   * @param method the HTTP method
   * @param url the URL without secrets
   * @param cause the I/O failure
   * @since 0.1
   */
  public TransportException(String message, String registry, @Nullable String repository,
      String method, String url, IOException cause) {
    super(message, registry, repository, method, url, cause);
  }
}
