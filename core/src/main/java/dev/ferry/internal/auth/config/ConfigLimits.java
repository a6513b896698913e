package dev.ferry.internal.auth.config;

/**
 * The limits applied to credential files and helper output, which Ferry did not
 * write. Each is enforced with a {@link dev.ferry.auth.CredentialException}.
 */
public final class ConfigLimits {
  /** Largest config file, {@code DOCKER_AUTH_CONFIG} value or pull secret read: 4 MiB (a Kubernetes secret holds at most 1 MiB). */
  public static final int MAX_CONFIG_BYTES = 4 * 1024 * 1024;

  /** Deepest JSON nesting accepted in a config file (Docker's own settings nest a few levels). */
  public static final int MAX_CONFIG_DEPTH = 64;

  /** Most bytes a credential helper may print on standard output: 1 MiB, far above any real answer. */
  public static final int MAX_HELPER_OUTPUT_BYTES = 1024 * 1024;

  /** Most bytes of a helper's standard error kept for the failure message (which shows at most 200 characters). */
  public static final int MAX_HELPER_ERROR_BYTES = 64 * 1024;

  /** Longest helper name accepted from a config file ({@code docker-credential-<name>}). */
  public static final int MAX_HELPER_NAME_LENGTH = 128;

  private ConfigLimits() {}
}
