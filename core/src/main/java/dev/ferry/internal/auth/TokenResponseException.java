package dev.ferry.internal.auth;

/**
 * A token server's answer that holds no usable token. The reason never quotes the
 * body, which may hold the token itself; callers turn it into an
 * {@link dev.ferry.registry.AuthenticationException} with the registry and scope.
 */
final class TokenResponseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  TokenResponseException(String reason) {
    super(reason, null, false, false);
  }
}
