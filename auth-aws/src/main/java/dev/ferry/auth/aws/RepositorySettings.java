package dev.ferry.auth.aws;

/**
 * How {@link EcrRepositories} creates a missing repository: whether its tags are immutable and
 * whether ECR scans images on push. Repositories that already exist are left as they are.
 *
 * <pre>{@code
 * RepositorySettings settings = RepositorySettings.defaults().withImmutableTags(true).withScanOnPush(true);
 * }</pre>
 *
 * <p>Thread-safety: immutable.
 *
 * @param immutableTags whether a pushed tag can never be moved to another image
 *     ({@code imageTagMutability=IMMUTABLE}); ECR's default is mutable
 * @param scanOnPush whether ECR's basic scan runs on each push ({@code imageScanningConfiguration.scanOnPush})
 * @since 0.1
 */
public record RepositorySettings(boolean immutableTags, boolean scanOnPush) {
  /**
   * ECR's own defaults: mutable tags, no scan on push.
   *
   * @return the defaults
   * @since 0.1
   */
  public static RepositorySettings defaults() {
    return new RepositorySettings(false, false);
  }

  /**
   * A copy with tag immutability set.
   *
   * @param immutable whether tags are immutable
   * @return the copy
   * @since 0.1
   */
  public RepositorySettings withImmutableTags(boolean immutable) {
    return new RepositorySettings(immutable, scanOnPush);
  }

  /**
   * A copy with scan-on-push set.
   *
   * @param scan whether to scan on push
   * @return the copy
   * @since 0.1
   */
  public RepositorySettings withScanOnPush(boolean scan) {
    return new RepositorySettings(immutableTags, scan);
  }
}
