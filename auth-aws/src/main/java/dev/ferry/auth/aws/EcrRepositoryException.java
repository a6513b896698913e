package dev.ferry.auth.aws;

import dev.ferry.FerryException;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An ECR repository could not be looked up or created: the caller lacks
 * {@code ecr:CreateRepository} ({@link #accessDenied()}), the name is not valid for ECR, the
 * account's repository limit is reached, or AWS could not be reached. Names the registry, the
 * repository and the AWS error code.
 *
 * <p>Thread-safety: immutable.
 *
 * @since 0.1
 */
public final class EcrRepositoryException extends FerryException {
  private static final long serialVersionUID = 1L;

  private static final String ACCESS_DENIED = "AccessDeniedException";

  private final String registry;
  private final String repository;
  private final @Nullable String errorCode;
  private final int statusCode;

  /**
   * Creates the exception.
   *
   * @param message what failed, where and why
   * @param registry the registry host
   * @param repository the repository name
   * @param errorCode the AWS error code, or null when AWS did not answer
   * @param statusCode the HTTP status of AWS's answer, or 0 when there was none
   * @param cause the underlying failure, or null
   * @throws NullPointerException if the message, registry or repository is null
   * @since 0.1
   */
  public EcrRepositoryException(String message, String registry, String repository, @Nullable String errorCode,
      int statusCode, @Nullable Throwable cause) {
    super(message, cause);
    this.registry = Objects.requireNonNull(registry, "registry");
    this.repository = Objects.requireNonNull(repository, "repository");
    this.errorCode = errorCode;
    this.statusCode = statusCode;
  }

  /**
   * The registry.
   *
   * @return e.g. {@code 123456789012.dkr.ecr.eu-west-1.amazonaws.com}
   * @since 0.1
   */
  public String registry() {
    return registry;
  }

  /**
   * The repository.
   *
   * @return e.g. {@code mirror/nginx}
   * @since 0.1
   */
  public String repository() {
    return repository;
  }

  /**
   * The AWS error code.
   *
   * @return e.g. {@code AccessDeniedException}, {@code LimitExceededException}; empty when AWS did not answer
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

  /**
   * Whether AWS refused because the caller lacks the permission ({@code ecr:CreateRepository}).
   *
   * @return true for {@code AccessDeniedException}
   * @since 0.1
   */
  public boolean accessDenied() {
    return ACCESS_DENIED.equals(errorCode);
  }
}
