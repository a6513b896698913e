package dev.ferry.testing;

import dev.ferry.testing.internal.AccessPolicy;
import dev.ferry.testing.internal.Gate;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Settings for an {@link EmbeddedRegistry}. Not thread-safe; the registry it
 * starts does not change when the builder does.
 *
 * @since 0.1
 */
public final class EmbeddedRegistryBuilder {
  @Nullable Path directory;
  boolean referrersApi = true;
  int port;
  boolean tls;
  Gate.Mode auth = Gate.Mode.NONE;
  final AccessPolicy.Builder policy = AccessPolicy.builder();
  Duration tokenLifetime = Duration.ofMinutes(5);
  Clock clock = Clock.systemUTC();
  boolean readOnly;
  boolean redirectBlobs;
  boolean immutableTags;
  long rateLimit = -1;
  Duration rateLimitWindow = Duration.ZERO;
  RateLimitHeaders rateLimitHeaders = RateLimitHeaders.WITH_RESET;

  EmbeddedRegistryBuilder() {}

  /**
   * Serves HTTPS with a certificate for {@code localhost}, {@code 127.0.0.1} and
   * {@code ::1}, issued by a certificate authority generated at start (ECDSA P-256,
   * valid for a week, nothing written to disk). Hand the CA to clients with
   * {@link EmbeddedRegistry#caCertificate()}, {@link EmbeddedRegistry#writeCaPem(Path)}
   * or {@link EmbeddedRegistry#registryOptions()}.
   *
   * @return this builder
   * @since 0.1
   */
  public EmbeddedRegistryBuilder tls() {
    this.tls = true;
    return this;
  }

  /**
   * Requires HTTP Basic credentials of a {@link #user user} on every request, as
   * distribution's {@code htpasswd} mode does: 401 {@code UNAUTHORIZED} with a
   * {@code Basic} challenge without or with wrong ones, 403 {@code DENIED} when the
   * user lacks the grant. Pair it with {@link #tls()} unless the test does not care
   * that the password travels in clear over loopback.
   *
   * @return this builder
   * @since 0.1
   */
  public EmbeddedRegistryBuilder basicAuth() {
    this.auth = Gate.Mode.BASIC;
    return this;
  }

  /**
   * Requires Bearer tokens from the registry's own token endpoint, {@code /token} on
   * the same host, as Docker's token specification describes: a 401 challenge
   * {@code Bearer realm="URL/token",service="localhost:PORT",scope="repository:NAME:pull,push"};
   * tokens by {@code GET} (with the user's Basic credentials, or none for what
   * {@link #anonymousPull} allows; {@code offline_token=true} adds a refresh token) or
   * by the OAuth2 {@code POST} form ({@code grant_type=password} or
   * {@code refresh_token}; {@code access_type=offline} adds a refresh token). A token
   * grants of the scopes asked for only what the user may do, and opens nothing else;
   * it expires after {@link #tokenLifetime}.
   *
   * @return this builder
   * @since 0.1
   */
  public EmbeddedRegistryBuilder tokenAuth() {
    this.auth = Gate.Mode.TOKEN;
    return this;
  }

  /**
   * Adds a user who may pull, push and delete in every repository.
   *
   * @param name the user name; no colon
   * @param password the password
   * @return this builder
   * @throws IllegalArgumentException if the name has a colon or is empty, or the user was given another password
   * @since 0.1
   */
  public EmbeddedRegistryBuilder user(String name, String password) {
    return user(name, password, "*", "pull", "push", "delete");
  }

  /**
   * Adds a user, or a grant to a user added before with the same password: the
   * actions the user may perform in the repositories {@code repositories} names,
   * exactly or with {@code *} standing for any characters ({@code team/*},
   * {@code *}).
   *
   * <pre>{@code
   * EmbeddedRegistry.builder().tokenAuth()
   *     .user("ci", "secret", "team/*", "pull", "push")
   *     .user("reader", "secret", "*", "pull")
   *     .start();
   * }</pre>
   *
   * @param name the user name; no colon
   * @param password the password
   * @param repositories a repository name or pattern
   * @param actions {@code pull}, {@code push} and/or {@code delete}
   * @return this builder
   * @throws IllegalArgumentException if the name has a colon or is empty, no or an unknown
   *     action is given, or the user was given another password
   * @since 0.1
   */
  public EmbeddedRegistryBuilder user(String name, String password, String repositories, String... actions) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(repositories, "repositories");
    if (name.isEmpty() || name.contains(":")) {
      throw new IllegalArgumentException("a user name must be non-empty and without a colon: " + name);
    }
    policy.grant(name, password, repositories, actions(actions));
    return this;
  }

  /**
   * Lets callers without credentials pull from the repositories named, exactly or
   * with {@code *}: no challenge with {@link #basicAuth()}, an anonymous token with
   * {@link #tokenAuth()}.
   *
   * @param repositories a repository name or pattern
   * @return this builder
   * @since 0.1
   */
  public EmbeddedRegistryBuilder anonymousPull(String repositories) {
    policy.anonymousPull(Objects.requireNonNull(repositories, "repositories"));
    return this;
  }

  /**
   * How long tokens from the token endpoint are good for (default five minutes;
   * {@code expires_in} is rounded up to whole seconds). A request with an expired
   * token gets a 401 challenge with {@code error="invalid_token"}.
   *
   * @param lifetime at least one millisecond
   * @return this builder
   * @throws IllegalArgumentException if {@code lifetime} is zero or negative
   * @since 0.1
   */
  public EmbeddedRegistryBuilder tokenLifetime(Duration lifetime) {
    Objects.requireNonNull(lifetime, "lifetime");
    if (lifetime.isZero() || lifetime.isNegative()) {
      throw new IllegalArgumentException("the token lifetime must be positive, was " + lifetime);
    }
    this.tokenLifetime = lifetime;
    return this;
  }

  /**
   * The clock the registry reads time from: token expiry, the expiry of signed storage URLs
   * ({@link #redirectBlobDownloads()}) and the arrival time in the request log. A test that
   * needs time to pass advances a clock of its own instead of sleeping.
   *
   * <pre>{@code
   * EmbeddedRegistry.builder().tokenAuth().tokenLifetime(Duration.ofMinutes(1)).clock(testClock).start();
   * }</pre>
   *
   * @param clock the clock; the system's UTC clock by default
   * @return this builder
   * @since 0.1
   */
  public EmbeddedRegistryBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * Starts read-only, as {@code registry:2} in maintenance mode: see
   * {@link EmbeddedRegistry#readOnly(boolean)}.
   *
   * @return this builder
   * @since 0.1
   */
  public EmbeddedRegistryBuilder readOnly() {
    this.readOnly = true;
    return this;
  }

  /**
   * Answers blob downloads ({@code GET /v2/<name>/blobs/<digest>}) with a 307 to a
   * second host on {@code 127.0.0.1} and its own port, which serves the bytes (with
   * {@code Range}) to a signed URL, as S3- or GCS-backed registries do. Like S3 it
   * refuses a request that carries an {@code Authorization} header (400), so a client
   * that forwards the registry's credentials fails. With {@link #tls()} it speaks
   * HTTPS with the same CA. Its requests appear in {@link EmbeddedRegistry#requests()}
   * with paths {@code /storage/<digest>?expires=..&signature=..}.
   *
   * @return this builder
   * @since 0.1
   */
  public EmbeddedRegistryBuilder redirectBlobDownloads() {
    this.redirectBlobs = true;
    return this;
  }

  private static Set<String> actions(String... actions) {
    if (actions.length == 0) {
      throw new IllegalArgumentException("name at least one of " + AccessPolicy.ACTIONS);
    }
    Set<String> set = new LinkedHashSet<>();
    for (String action : actions) {
      if (!AccessPolicy.ACTIONS.contains(action)) {
        throw new IllegalArgumentException("unknown action " + action + "; use pull, push or delete");
      }
      set.add(action);
    }
    return set;
  }

  /**
   * Stores blobs, manifests and tags in a directory (created if missing), so that a
   * registry started again on it finds them.
   *
   * @param directory the storage directory
   * @return this builder
   * @since 0.1
   */
  public EmbeddedRegistryBuilder directory(Path directory) {
    this.directory = Objects.requireNonNull(directory, "directory");
    return this;
  }

  /**
   * Whether the OCI 1.1 referrers API answers (default true). Switched off, it
   * answers 404 and clients must fall back to the {@code sha256-<hex>} tag schema.
   *
   * @param enabled whether {@code /v2/<name>/referrers/<digest>} exists
   * @return this builder
   * @since 0.1
   */
  public EmbeddedRegistryBuilder referrersApi(boolean enabled) {
    this.referrersApi = enabled;
    return this;
  }

  /**
   * A fixed loopback port instead of a free one.
   *
   * @param port the port, 0 for any free one
   * @return this builder
   * @since 0.1
   */
  public EmbeddedRegistryBuilder port(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    this.port = port;
    return this;
  }

  /**
   * Refuses to move a tag that already exists to another digest, with 400
   * {@code TAG_INVALID}, as registries with immutable tags do (ECR answers
   * {@code ImageTagAlreadyExistsException}, Harbor {@code TAG_INVALID}); pushing the same
   * digest again is allowed, and deleting stays possible.
   *
   * @return this builder
   * @since 0.1
   */
  public EmbeddedRegistryBuilder immutableTags() {
    this.immutableTags = true;
    return this;
  }

  /**
   * Announces a pull limit as Docker Hub does: every manifest GET and HEAD answers with
   * {@code RateLimit-Limit: <limit>;w=<seconds>}, {@code RateLimit-Remaining: <left>;w=<seconds>}
   * and, by default, {@code RateLimit-Reset: <seconds until the window resets>} (see
   * {@link #rateLimitHeaders(RateLimitHeaders)} for the other forms); each manifest GET uses one
   * pull (a HEAD none), and a GET with none left gets 429 {@code TOOMANYREQUESTS} with
   * {@code Retry-After}. Windows follow one another from the registry's start on its
   * {@link #clock(Clock) clock}: a test that advances the clock past the window's end gets the
   * pulls back. A zero window never rolls over; {@link EmbeddedRegistry#resetRateLimit()} gives
   * the pulls back at any time.
   *
   * @param limit pulls per window, at least 0
   * @param window the window, zero or more
   * @return this builder
   * @throws IllegalArgumentException if either is negative
   * @since 0.1
   */
  public EmbeddedRegistryBuilder rateLimit(long limit, Duration window) {
    Objects.requireNonNull(window, "window");
    if (limit < 0 || window.isNegative()) {
      throw new IllegalArgumentException("limit and window must not be negative, were " + limit + " and " + window);
    }
    this.rateLimit = limit;
    this.rateLimitWindow = window;
    return this;
  }

  /**
   * Which headers announce the {@link #rateLimit(long, Duration) rate limit}:
   * {@link RateLimitHeaders#WITH_RESET} by default.
   *
   * @param form Docker Hub's alone, with {@code RateLimit-Reset}, or with {@code Retry-After}
   * @return this builder
   * @since 0.1
   */
  public EmbeddedRegistryBuilder rateLimitHeaders(RateLimitHeaders form) {
    this.rateLimitHeaders = Objects.requireNonNull(form, "form");
    return this;
  }

  /**
   * Starts the registry.
   *
   * @return the running registry; close it when done
   * @throws EmbeddedRegistryException if it cannot listen or use its directory
   * @throws IllegalStateException if users were given without {@link #basicAuth()} or {@link #tokenAuth()}
   * @since 0.1
   */
  public EmbeddedRegistry start() {
    return new EmbeddedRegistry(this);
  }
}
