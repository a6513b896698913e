package dev.ferry.registry;

import org.jspecify.annotations.Nullable;

/**
 * The registry answered, but not as the distribution protocol says: a body over
 * Ferry's limits, malformed JSON in a tag list, a missing upload {@code Location},
 * a {@code Docker-Content-Digest} that contradicts what was sent.
 *
 * <p>Thread-safety: immutable.
 *
 * @since 0.1
 */
public final class RegistryProtocolException extends RegistryException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what the registry did wrong
   * @param registry the registry
   * @param repository the repository, or null
   * @param method the HTTP method
   * @param url the URL without secrets
   * @since 0.1
   */
  public RegistryProtocolException(String message, String registry, @Nullable String repository,
      String method, String url) {
    super(message + " (" + method + " " + url + ")", registry, repository, method, url, null);
  }
}
