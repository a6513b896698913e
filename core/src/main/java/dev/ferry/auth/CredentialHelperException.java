package dev.ferry.auth;

import java.util.OptionalInt;

/**
 * A credential helper ({@code docker-credential-<name>}) could not give an answer: it
 * is not on the {@code PATH}, could not be started, did not answer within its time
 * limit, exited with an error, or printed something other than a credential. A helper
 * that reports "credentials not found" is no failure: the registry is then accessed
 * anonymously. The message names the helper, the registry and what went wrong, with the
 * helper's own error output; never the secret.
 *
 * <p>Thread-safety: immutable.
 *
 * @since 0.1
 */
public final class CredentialHelperException extends CredentialException {
  private static final long serialVersionUID = 1L;

  private final String helper;
  private final int exitCode;
  private final boolean timedOut;

  /**
   * Creates the exception.
   *
   * @param message which helper, for which registry, and what was wrong
   * @param helper the helper program, e.g. {@code docker-credential-desktop}
   * @param exitCode the helper's exit code, or empty when it did not exit on its own
   * @param timedOut whether the helper was stopped because it did not answer in time
   * @throws NullPointerException if an argument is null
   * @since 0.1
   */
  public CredentialHelperException(String message, String helper, OptionalInt exitCode, boolean timedOut) {
    super(message);
    this.helper = java.util.Objects.requireNonNull(helper, "helper");
    this.exitCode = exitCode.orElse(Integer.MIN_VALUE);
    this.timedOut = timedOut;
  }

  /**
   * The helper program.
   *
   * @return its name, e.g. {@code docker-credential-desktop}
   * @since 0.1
   */
  public String helper() {
    return helper;
  }

  /**
   * The helper's exit code.
   *
   * @return the code it exited with, or empty when it was not found, not started or stopped
   * @since 0.1
   */
  public OptionalInt exitCode() {
    return exitCode == Integer.MIN_VALUE ? OptionalInt.empty() : OptionalInt.of(exitCode);
  }

  /**
   * Whether the helper was stopped for taking too long.
   *
   * @return true when it did not answer within its time limit and was killed
   * @since 0.1
   */
  public boolean timedOut() {
    return timedOut;
  }
}
