package dev.ferry.auth.aws;

import dev.ferry.auth.CredentialException;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * No credential could be obtained for an ECR registry: no AWS credentials were found, ECR
 * refused {@code GetAuthorizationToken} ({@code AccessDeniedException}, throttling after the
 * SDK's retries, an unknown region), or its answer was not a usable token. Names the registry
 * and, when AWS answered, its error code; never the token or an AWS secret.
 *
 * <p>Thread-safety: immutable.
 *
 * @since 0.1
 */
public final class EcrCredentialException extends CredentialException {
  private static final long serialVersionUID = 1L;

  private final String registry;
  private final @Nullable String errorCode;
  private final int statusCode;

  /**
   * Creates the exception.
   *
   * @param message what failed, for which registry and why; no secrets
   * @param registry the registry the credential was for
   * @param errorCode the AWS error code, e.g. {@code AccessDeniedException}, or null when AWS did not answer
   * @param statusCode the HTTP status of AWS's answer, or 0 when there was none
   * @param cause the underlying failure, or null
   * @throws NullPointerException if the message or registry is null
   * @since 0.1
   */
  public EcrCredentialException(String message, String registry, @Nullable String errorCode, int statusCode,
      @Nullable Throwable cause) {
    super(message, cause);
    this.registry = Objects.requireNonNull(registry, "registry");
    this.errorCode = errorCode;
    this.statusCode = statusCode;
  }

  /**
   * The registry the credential was asked for.
   *
   * @return the registry, e.g. {@code 123456789012.dkr.ecr.eu-west-1.amazonaws.com}
   * @since 0.1
   */
  public String registry() {
    return registry;
  }

  /**
   * The error code AWS answered with.
   *
   * @return e.g. {@code AccessDeniedException}, {@code ThrottlingException}; empty when AWS was not
   *     reached or the answer itself was malformed
   * @since 0.1
   */
  public Optional<String> errorCode() {
    return Optional.ofNullable(errorCode);
  }

  /**
   * The HTTP status of AWS's answer.
   *
   * @return the status, e.g. 400; 0 when there was no answer
   * @since 0.1
   */
  public int statusCode() {
    return statusCode;
  }
}
