package dev.ferry.auth;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the credential sources see of the world: environment variables, the home
 * directory, and how long a credential helper may take to answer. Ferry reads the real
 * environment only through {@link #system()}; every source can be given an explicit one
 * instead, so a build plugin or a test decides exactly which files and helpers are used.
 *
 * <pre>{@code
 * CredentialEnvironment ci = CredentialEnvironment.of(
 *     Map.of("DOCKER_CONFIG", "/ci/docker", "PATH", "/usr/local/bin:/usr/bin"), Path.of("/home/ci"));
 * CredentialProvider credentials = CredentialProvider.defaults(ci);
 * }</pre>
 *
 * <p>Credential helpers run with exactly these variables as their environment, and are
 * found on their {@code PATH}. {@code toString()} shows the home directory and the
 * number of variables, never their values.
 *
 * <p>Thread-safety: immutable.
 *
 * @since 0.1
 */
public final class CredentialEnvironment {
  /**
   * How long a credential helper may take to answer by default: 30 seconds, enough for
   * a helper that calls a cloud API or waits for a keychain to unlock.
   *
   * @since 0.1
   */
  public static final Duration DEFAULT_HELPER_TIMEOUT = Duration.ofSeconds(30);

  private final Map<String, String> variables;
  private final Path home;
  private final Duration helperTimeout;

  private CredentialEnvironment(Map<String, String> variables, Path home, Duration helperTimeout) {
    this.variables = variables;
    this.home = home;
    this.helperTimeout = helperTimeout;
  }

  /**
   * The environment of this process: {@link System#getenv()}, and as home directory
   * {@code HOME} ({@code USERPROFILE} on Windows) as Docker and podman take it, else the
   * {@code user.home} system property.
   *
   * @return the process environment
   * @since 0.1
   */
  public static CredentialEnvironment system() {
    Map<String, String> env = System.getenv();
    String home = env.get(File.separatorChar == '\\' ? "USERPROFILE" : "HOME");
    if (home == null || home.isBlank()) {
      home = System.getProperty("user.home", "");
    }
    return new CredentialEnvironment(env, Path.of(home), DEFAULT_HELPER_TIMEOUT);
  }

  /**
   * An explicit environment.
   *
   * @param variables the environment variables; copied
   * @param home the home directory, where {@code .docker/config.json} and the other per-user files are looked for
   * @return the environment, with the {@linkplain #DEFAULT_HELPER_TIMEOUT default helper time limit}
   * @throws NullPointerException if an argument, a name or a value is null
   * @since 0.1
   */
  public static CredentialEnvironment of(Map<String, String> variables, Path home) {
    Objects.requireNonNull(variables, "variables");
    return new CredentialEnvironment(Map.copyOf(variables), Objects.requireNonNull(home, "home"),
        DEFAULT_HELPER_TIMEOUT);
  }

  /**
   * This environment with another time limit for credential helpers. A helper still
   * running when it expires is killed, with the processes it started, and the lookup
   * fails with a {@link CredentialHelperException}.
   *
   * @param timeout how long a helper may take; positive
   * @return the changed copy
   * @throws NullPointerException if the timeout is null
   * @throws IllegalArgumentException if the timeout is zero or negative
   * @since 0.1
   */
  public CredentialEnvironment withHelperTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("the helper timeout must be positive, got " + timeout);
    }
    return new CredentialEnvironment(variables, home, timeout);
  }

  /**
   * An environment variable. A variable set to the empty string counts as unset, as
   * Docker and podman treat it.
   *
   * @param name the variable's name
   * @return its value, or empty when unset or empty
   * @throws NullPointerException if the name is null
   * @since 0.1
   */
  public Optional<String> variable(String name) {
    Objects.requireNonNull(name, "name");
    String value = variables.get(name);
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  /**
   * All the variables, which credential helpers get as their environment.
   *
   * @return the variables, unmodifiable
   * @since 0.1
   */
  public Map<String, String> variables() {
    return variables;
  }

  /**
   * The home directory.
   *
   * @return the home directory
   * @since 0.1
   */
  public Path home() {
    return home;
  }

  /**
   * How long a credential helper may take.
   *
   * @return the time limit
   * @since 0.1
   */
  public Duration helperTimeout() {
    return helperTimeout;
  }

  /**
   * {@return the home directory, the number of variables (never their values) and the helper time limit}
   *
   * @since 0.1
   */
  @Override
  public String toString() {
    return "CredentialEnvironment[home=" + home + ", variables=" + variables.size() + ", helperTimeout="
        + helperTimeout + "]";
  }
}
