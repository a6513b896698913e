package dev.ferry.auth.aws;

import dev.ferry.auth.Credential;
import dev.ferry.auth.CredentialProvider;
import dev.ferry.auth.ExpiringCredentialCache;
import dev.ferry.auth.ExpiringCredentialCache.ExpiringCredential;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Credentials for Amazon ECR and ECR Public, minted from AWS credentials with
 * {@code GetAuthorizationToken}. Found by {@link java.util.ServiceLoader}: with
 * {@code ferry-auth-aws} on the class or module path, {@code CredentialProvider.defaults()}
 * asks it (last, after the Docker and podman files) for every registry, and it answers for ECR
 * hosts only. Built explicitly, it takes given AWS credentials or SDK clients:
 *
 * <pre>{@code
 * try (EcrCredentialProvider ecr = EcrCredentialProvider.builder()
 *         .credentialsProvider(ProfileCredentialsProvider.create("mirror"))
 *         .build();
 *      RegistryClient client = RegistryClient.builder().credentials(ecr).build()) {
 *   CopyOperation.from(src).to(ImageReference.parse("123456789012.dkr.ecr.eu-west-1.amazonaws.com/mirror/nginx:1.27"))
 *       .execute(client);
 * }
 * }</pre>
 *
 * <p>For a private registry ({@link EcrRegistry} says which hosts those are) the token comes from
 * ECR in the registry's region, with the SDK's default credentials chain unless credentials or
 * clients are given; for {@code public.ecr.aws}, from ECR Public in {@code us-east-1}. The token
 * (base64 of {@code AWS:<password>}) becomes {@code Credential.basic("AWS", password)}. Tokens are
 * kept per registry host, that is per account and region, and fetched again a margin before
 * their {@code expiresAt} (ECR issues them for 12 hours); callers that arrive together share one
 * fetch. When a refresh fails while the current token is still valid, the current token is kept,
 * the failure goes to {@link Builder#onRefreshFailure} (by default a warning on the
 * {@code System.Logger} of this class, without secrets) and the refresh is tried again a minute
 * later.
 *
 * <p>Failures are not silent: when a private registry's token cannot be had (no AWS credentials
 * at all, {@code AccessDeniedException}, throttling after the SDK's retries), the lookup throws an
 * {@link EcrCredentialException} naming the registry and the AWS error code. ECR Public is the one
 * exception to that: its images can be pulled anonymously, so when no AWS credentials can be
 * found at all, {@code public.ecr.aws} is left to anonymous access; credentials that exist but
 * are refused still fail.
 *
 * <p>Thread-safety: thread-safe. Close it to release the SDK clients it built; clients and
 * credentials given to the builder stay the caller's.
 *
 * @since 0.1
 */
public final class EcrCredentialProvider implements CredentialProvider, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(EcrCredentialProvider.class.getName());
  private static final String PUBLIC_KEY = "public.ecr.aws";

  private final EcrClients clients;
  private final EcrTokens tokens;
  private final ExpiringCredentialCache<String> cache;
  private final Clock clock;
  private final Duration pauseAfterFailure;
  private final boolean ecrPublic;
  private Instant noPublicCredentialsUntil = Instant.MIN;

  /**
   * The provider {@link java.util.ServiceLoader} creates: the SDK's default credentials chain,
   * the registry's own region, the default refresh margin. Creating it touches neither the
   * network nor the credentials; both wait for the first ECR host asked about.
   *
   * @since 0.1
   */
  public EcrCredentialProvider() {
    this(new Builder());
  }

  private EcrCredentialProvider(Builder b) {
    this.clients = new EcrClients(b.credentials, b.ecrFactory, b.ecrPublicClient, b.endpointOverride, b.region);
    this.clock = b.clock;
    this.tokens = new EcrTokens(clients, clock);
    this.pauseAfterFailure = b.pauseAfterFailure;
    Consumer<? super EcrCredentialException> listener = b.onRefreshFailure;
    this.cache = ExpiringCredentialCache.<String>builder()
        .clock(clock)
        .refreshMargin(b.refreshMargin)
        .pauseAfterFailure(b.pauseAfterFailure)
        .onRefreshFailure((registry, e) -> {
          if (e instanceof EcrCredentialException ecr) {
            listener.accept(ecr);
          } else {
            LOG.log(System.Logger.Level.WARNING, () -> "keeping the current ECR token for " + registry
                + ", still valid, after its refresh failed with " + e.getClass().getName());
          }
        })
        .build();
    this.ecrPublic = b.ecrPublic;
  }

  /**
   * A builder for a provider with given credentials, clients, region, margin or clock.
   *
   * @return a new builder
   * @since 0.1
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The credential for an ECR or ECR Public registry.
   *
   * @param registry the registry host with an optional port, e.g. {@code 123456789012.dkr.ecr.eu-west-1.amazonaws.com}
   * @param repository the repository; ECR tokens are registry-wide, so it does not matter
   * @return {@code AWS} and the token's password for an ECR host; empty for any other host, and for
   *     ECR Public when no AWS credentials exist
   * @throws NullPointerException if an argument is null
   * @throws EcrCredentialException when the host is ECR's but no token could be had
   * @throws IllegalStateException if the provider is closed
   * @since 0.1
   */
  @Override
  public Optional<Credential> credentialFor(String registry, String repository) {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(repository, "repository");
    Optional<EcrRegistry> parsed = EcrRegistry.parse(registry);
    if (parsed.isEmpty()) {
      return Optional.empty();
    }
    EcrRegistry ecr = parsed.get();
    if (ecr.isPublic()) {
      if (!ecrPublic || !publicCredentialsExist()) {
        return Optional.empty();
      }
      return Optional.of(cache.get(PUBLIC_KEY, () -> expiring(tokens.publicToken(ecr.host()))));
    }
    return Optional.of(cache.get(ecr.host(), () -> expiring(tokens.privateToken(ecr, ecr.host()))));
  }

  private static ExpiringCredential expiring(EcrToken token) {
    return ExpiringCredential.expiringAt(token.credential(), token.expiresAt());
  }

  /**
   * Whether ECR Public is worth asking: with no AWS credentials anywhere, anonymous pulls are what
   * the user has. The answer "none" is remembered for a while so each request does not walk the
   * credentials chain (whose last link may wait on the instance metadata service) again.
   */
  private synchronized boolean publicCredentialsExist() {
    if (clients.publicClientGiven()) {
      return true;
    }
    Instant now = clock.instant();
    if (now.isBefore(noPublicCredentialsUntil)) {
      return false;
    }
    try {
      clients.credentials().resolveCredentials();
      return true;
    } catch (SdkClientException none) {
      noPublicCredentialsUntil = now.plus(pauseAfterFailure);
      LOG.log(System.Logger.Level.DEBUG, () -> "no AWS credentials found; public.ecr.aws is accessed anonymously: "
          + none.getMessage());
      return false;
    }
  }

  /**
   * Closes the SDK clients and the default credentials chain this provider built. Given clients
   * and credentials are left open.
   *
   * @since 0.1
   */
  @Override
  public void close() {
    clients.close();
  }

  @Override
  public String toString() {
    return "EcrCredentialProvider{" + clients + "}";
  }

  private static void logRefreshFailure(EcrCredentialException e) {
    LOG.log(System.Logger.Level.WARNING, () -> "keeping the current ECR token for " + e.registry()
        + ", still valid, after its refresh failed: " + e.getMessage());
  }

  /**
   * Settings for an {@link EcrCredentialProvider}. Not thread-safe; the provider it builds is.
   *
   * @since 0.1
   */
  public static final class Builder extends EcrClientSettings<Builder> {
    /**
     * The default time before a token's expiry at which it is fetched again.
     *
     * @since 0.1
     */
    public static final Duration DEFAULT_REFRESH_MARGIN = Duration.ofMinutes(15);

    private Duration refreshMargin = DEFAULT_REFRESH_MARGIN;
    private Duration pauseAfterFailure = Duration.ofMinutes(1);
    private Clock clock = Clock.systemUTC();
    private Consumer<? super EcrCredentialException> onRefreshFailure = EcrCredentialProvider::logRefreshFailure;
    private boolean ecrPublic = true;

    private Builder() {}

    /**
     * How long before a token's {@code expiresAt} a new one is fetched; 15 minutes unless set.
     * Whatever the margin, a token is used for at least half its life.
     *
     * @param margin the margin, zero or more
     * @return this builder
     * @throws NullPointerException if the margin is null
     * @throws IllegalArgumentException if the margin is negative
     * @since 0.1
     */
    public Builder refreshMargin(Duration margin) {
      if (Objects.requireNonNull(margin, "margin").isNegative()) {
        throw new IllegalArgumentException("the refresh margin must not be negative");
      }
      this.refreshMargin = margin;
      return this;
    }

    /**
     * How long to wait, after a refresh failed while the current token was still valid, before
     * the next attempt (and, when no AWS credentials exist, before looking for them again for
     * ECR Public); one minute unless set.
     *
     * @param pause the pause, zero or more
     * @return this builder
     * @throws NullPointerException if the pause is null
     * @throws IllegalArgumentException if the pause is negative
     * @since 0.1
     */
    public Builder retryPause(Duration pause) {
      if (Objects.requireNonNull(pause, "pause").isNegative()) {
        throw new IllegalArgumentException("the retry pause must not be negative");
      }
      this.pauseAfterFailure = pause;
      return this;
    }

    /**
     * The clock that decides when a token is due for refresh; the system clock unless set.
     *
     * @param clock the clock
     * @return this builder
     * @throws NullPointerException if the clock is null
     * @since 0.1
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * What to do when a refresh fails while the current token is still valid (and so is kept);
     * by default a warning on this class's {@code System.Logger}. The exception names the
     * registry and the AWS error code, never a secret. Called on the thread that asked for the
     * credential; it should not block.
     *
     * @param listener called with the refresh's failure
     * @return this builder
     * @throws NullPointerException if the listener is null
     * @since 0.1
     */
    public Builder onRefreshFailure(Consumer<? super EcrCredentialException> listener) {
      this.onRefreshFailure = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Whether to answer for ECR Public ({@code public.ecr.aws}); true unless set. Turn it off
     * when the AWS identity may not call ECR Public and its images are pulled anonymously.
     *
     * @param enabled whether to mint ECR Public tokens
     * @return this builder
     * @since 0.1
     */
    public Builder ecrPublic(boolean enabled) {
      this.ecrPublic = enabled;
      return this;
    }

    /**
     * Builds the provider. Nothing is fetched until a credential is asked for.
     *
     * @return the provider
     * @since 0.1
     */
    public EcrCredentialProvider build() {
      return new EcrCredentialProvider(this);
    }

    @Override
    Builder self() {
      return this;
    }
  }
}
