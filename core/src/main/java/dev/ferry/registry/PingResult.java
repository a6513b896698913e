package dev.ferry.registry;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * The answer to {@code GET /v2/}: 200 for an open registry, 401 with challenges
 * for one that wants authentication.
 *
 * @param registry the registry asked
 * @param endpoint the URL that was pinged, e.g. {@code https://registry-1.docker.io/v2/}
 * @param status the HTTP status
 * @param challenges the raw {@code WWW-Authenticate} values, e.g. {@code Bearer realm="...",service="..."}
 * @since 0.1
 */
public record PingResult(String registry, URI endpoint, int status, List<String> challenges) {
  /**
   * Validates the parts.
   *
   * @param registry the registry
   * @param endpoint the URL pinged
   * @param status the status
   * @param challenges the challenges
   * @since 0.1
   */
  public PingResult {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(endpoint, "endpoint");
    challenges = List.copyOf(challenges);
  }

  /**
   * {@return whether the registry asks for authentication (401)}
   *
   * @since 0.1
   */
  public boolean authenticationRequired() {
    return status == 401;
  }
}
