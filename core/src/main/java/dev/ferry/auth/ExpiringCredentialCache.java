package dev.ferry.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Credentials that expire, kept by key and fetched again ahead of their expiry; the building
 * block for a {@link CredentialProvider} that mints short-lived credentials from a cloud API.
 *
 * <pre>{@code
 * ExpiringCredentialCache<String> cache = ExpiringCredentialCache.<String>builder()
 *     .refreshMargin(Duration.ofMinutes(5))
 *     .build();
 * Credential credential = cache.get(registry, () -> {
 *   Token t = tokenService.mint(registry);            // the slow call
 *   return ExpiringCredentialCache.ExpiringCredential.expiringAt(
 *       Credential.basic("token", t.value()), t.expiresAt());
 * });
 * }</pre>
 *
 * <p>The rules, all on the builder's clock:
 * <ul>
 *   <li><b>One fetch per key at a time.</b> Callers asking for the same key while it is being
 *       fetched wait for that fetch and get its answer; different keys do not wait for each other.
 *   <li><b>When a credential is fetched again.</b> A credential obtained at {@code t} that
 *       expires at {@code e} is used until {@code max(e - margin, t + (e - t) / 2)}: a refresh
 *       margin before its expiry, but never for less than half its life, so a short-lived
 *       credential (or a margin longer than the lifetime) does not make every call fetch.
 *       {@code t} is the clock's time when the fetch started.
 *   <li><b>Credentials without an expiry</b> are valid for ever: the first one fetched for a key
 *       is kept for the cache's life and never fetched again. Use them only for credentials that
 *       truly do not expire, or whose source cannot say when they do.
 *   <li><b>A refresh that fails while the held credential is still valid</b> (the clock is
 *       before its expiry) keeps the held credential and returns it, reports the failure to the
 *       {@linkplain Builder#onRefreshFailure failure listener}, and is not tried again for
 *       the {@linkplain Builder#pauseAfterFailure pause}: a copy in progress neither stops nor
 *       hammers the credential service. During the pause the held credential is returned.
 *   <li><b>A fetch that fails with nothing valid held</b> (the first fetch, or a refresh of an
 *       expired credential) throws the fetch's {@code RuntimeException}, unchanged, so the caller
 *       decides what it means (for example, that no ambient identity exists and access should be
 *       anonymous). Nothing is remembered: the next call fetches again, without a pause.
 * </ul>
 *
 * <p>Secrets: the cache never prints a credential. Keys and the failures of fetches appear in
 * the default listener's log, so keys must not be secrets; the default listener writes the
 * message of a {@link CredentialException} (whose messages carry no secrets by contract) and only
 * the class name of any other exception.
 *
 * <p>Thread-safety: thread-safe. A fetch runs on the thread of the caller that started it, while
 * the key's lock is held; it must not call back into the cache for the same key.
 *
 * @param <K> the key, typically a registry host; needs {@code equals} and {@code hashCode}
 * @since 0.1
 */
public final class ExpiringCredentialCache<K> {
  private static final System.Logger LOG = System.getLogger(ExpiringCredentialCache.class.getName());

  private final Clock clock;
  private final Duration refreshMargin;
  private final Duration pauseAfterFailure;
  private final BiConsumer<? super K, ? super RuntimeException> onRefreshFailure;
  private final ConcurrentMap<K, Slot> slots = new ConcurrentHashMap<>();

  private ExpiringCredentialCache(Builder<K> b) {
    this.clock = b.clock;
    this.refreshMargin = b.refreshMargin;
    this.pauseAfterFailure = b.pauseAfterFailure;
    this.onRefreshFailure = b.onRefreshFailure;
  }

  /**
   * A builder with the defaults: the system clock, a margin of {@link Builder#DEFAULT_REFRESH_MARGIN},
   * a pause of {@link Builder#DEFAULT_PAUSE_AFTER_FAILURE}, failures logged as warnings.
   *
   * @param <K> the key type
   * @return a new builder
   * @since 0.1
   */
  public static <K> Builder<K> builder() {
    return new Builder<>();
  }

  /**
   * The credential for a key: the held one while it is not due for refresh, else the one
   * {@code fetch} gives, else (when the fetch fails) the held one if it is still valid. See the
   * class description for the rules.
   *
   * @param key which credential, e.g. the registry host; not a secret
   * @param fetch obtains a new credential; called at most once per call, with the key's lock held.
   *     It must not return null; it reports failure by throwing
   * @return the credential
   * @throws NullPointerException if an argument is null, or the fetch returned null
   * @throws RuntimeException the fetch's own exception, unchanged, when it failed and no valid
   *     credential is held for the key
   * @since 0.1
   */
  public Credential get(K key, Supplier<ExpiringCredential> fetch) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(fetch, "fetch");
    return slots.computeIfAbsent(key, k -> new Slot()).get(key, fetch);
  }

  @Override
  public String toString() {
    return "ExpiringCredentialCache{keys=" + slots.size() + ", refreshMargin=" + refreshMargin
        + ", pauseAfterFailure=" + pauseAfterFailure + "}";
  }

  /** The credential of one key; its monitor is what makes concurrent callers share one fetch. */
  private final class Slot {
    private @Nullable ExpiringCredential held;
    private @Nullable Instant refreshAt; // null: never (no expiry)
    private Instant nextAttempt = Instant.MIN;

    synchronized Credential get(K key, Supplier<ExpiringCredential> fetch) {
      Instant now = clock.instant();
      ExpiringCredential current = held;
      if (current != null && (refreshAt == null || now.isBefore(refreshAt))) {
        return current.credential();
      }
      if (current != null && current.validAt(now) && now.isBefore(nextAttempt)) {
        return current.credential();
      }
      ExpiringCredential fresh;
      try {
        fresh = Objects.requireNonNull(fetch.get(), "the fetch returned null");
      } catch (RuntimeException e) {
        if (current == null || !current.validAt(now)) {
          throw e;
        }
        nextAttempt = now.plus(pauseAfterFailure);
        onRefreshFailure.accept(key, e);
        return current.credential();
      }
      held = fresh;
      refreshAt = fresh.expiresAt().map(expiry -> refreshTime(now, expiry)).orElse(null);
      nextAttempt = Instant.MIN;
      return fresh.credential();
    }
  }

  private Instant refreshTime(Instant obtained, Instant expiry) {
    Instant byMargin = expiry.minus(refreshMargin);
    Duration life = Duration.between(obtained, expiry);
    Instant halfLife = life.isNegative() ? obtained : obtained.plus(life.dividedBy(2));
    return byMargin.isAfter(halfLife) ? byMargin : halfLife;
  }

  private static void logRefreshFailure(Object key, RuntimeException failure) {
    LOG.log(System.Logger.Level.WARNING, () -> "keeping the still-valid credential for " + key
        + " after its refresh failed: " + safeDescription(failure));
  }

  private static String safeDescription(RuntimeException failure) {
    String kind = failure.getClass().getName();
    return failure instanceof CredentialException ? kind + ": " + failure.getMessage() : kind;
  }

  /**
   * A credential as a fetch obtained it, with the instant it stops working if its source says.
   * {@code toString()} redacts the secret, as the credential's own does.
   *
   * @param credential the credential
   * @param expiresAt when it stops working, on the cache's clock; empty when it does not expire
   *     (or nobody can say), in which case the cache keeps it for ever
   * @since 0.1
   */
  public record ExpiringCredential(Credential credential, Optional<Instant> expiresAt) {
    /**
     * Checks the components.
     *
     * @param credential the credential
     * @param expiresAt when it stops working, or empty
     * @throws NullPointerException if an argument is null
     * @since 0.1
     */
    public ExpiringCredential {
      Objects.requireNonNull(credential, "credential");
      Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /**
     * A credential that stops working at an instant.
     *
     * @param credential the credential
     * @param expiresAt when it stops working, on the cache's clock
     * @return the fetched credential
     * @throws NullPointerException if an argument is null
     * @since 0.1
     */
    public static ExpiringCredential expiringAt(Credential credential, Instant expiresAt) {
      return new ExpiringCredential(credential, Optional.of(Objects.requireNonNull(expiresAt, "expiresAt")));
    }

    /**
     * A credential that does not expire, or whose source cannot say when it does; the cache
     * keeps it for ever.
     *
     * @param credential the credential
     * @return the fetched credential
     * @throws NullPointerException if the credential is null
     * @since 0.1
     */
    public static ExpiringCredential withoutExpiry(Credential credential) {
      return new ExpiringCredential(credential, Optional.empty());
    }

    /**
     * Whether the credential still works at an instant: always without an expiry, else
     * before the expiry.
     *
     * @param instant the instant, on the cache's clock
     * @return whether it is valid then
     * @throws NullPointerException if the instant is null
     * @since 0.1
     */
    public boolean validAt(Instant instant) {
      Objects.requireNonNull(instant, "instant");
      return expiresAt.map(instant::isBefore).orElse(true);
    }
  }

  /**
   * Settings for an {@link ExpiringCredentialCache}.
   *
   * <p>Thread-safety: not thread-safe; build on one thread. The cache it builds is thread-safe.
   *
   * @param <K> the key type
   * @since 0.1
   */
  public static final class Builder<K> {
    /**
     * The refresh margin unless set: five minutes.
     *
     * @since 0.1
     */
    public static final Duration DEFAULT_REFRESH_MARGIN = Duration.ofMinutes(5);

    /**
     * The pause after a failed refresh unless set: one minute.
     *
     * @since 0.1
     */
    public static final Duration DEFAULT_PAUSE_AFTER_FAILURE = Duration.ofMinutes(1);

    private Clock clock = Clock.systemUTC();
    private Duration refreshMargin = DEFAULT_REFRESH_MARGIN;
    private Duration pauseAfterFailure = DEFAULT_PAUSE_AFTER_FAILURE;
    private BiConsumer<? super K, ? super RuntimeException> onRefreshFailure =
        ExpiringCredentialCache::logRefreshFailure;

    private Builder() {}

    /**
     * The clock that decides when a credential is due for refresh and whether it is still
     * valid; the system clock (UTC) unless set. Expiries given by fetches are read on it.
     *
     * @param clock the clock
     * @return this builder
     * @throws NullPointerException if the clock is null
     * @since 0.1
     */
    public Builder<K> clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * How long before its expiry a credential is fetched again; whatever the margin, a credential
     * is used for at least half its life. {@link #DEFAULT_REFRESH_MARGIN} unless set.
     *
     * @param margin the margin, zero or more
     * @return this builder
     * @throws NullPointerException if the margin is null
     * @throws IllegalArgumentException if the margin is negative
     * @since 0.1
     */
    public Builder<K> refreshMargin(Duration margin) {
      if (Objects.requireNonNull(margin, "margin").isNegative()) {
        throw new IllegalArgumentException("the refresh margin must not be negative: " + margin);
      }
      this.refreshMargin = margin;
      return this;
    }

    /**
     * How long after a refresh failed (while the held credential was still valid) the next
     * refresh may be tried; meanwhile the held credential is returned.
     * {@link #DEFAULT_PAUSE_AFTER_FAILURE} unless set.
     *
     * @param pause the pause, zero or more
     * @return this builder
     * @throws NullPointerException if the pause is null
     * @throws IllegalArgumentException if the pause is negative
     * @since 0.1
     */
    public Builder<K> pauseAfterFailure(Duration pause) {
      if (Objects.requireNonNull(pause, "pause").isNegative()) {
        throw new IllegalArgumentException("the pause after a failed refresh must not be negative: " + pause);
      }
      this.pauseAfterFailure = pause;
      return this;
    }

    /**
     * What to do when a refresh fails while the held credential is still valid (and so is kept):
     * called with the key and the fetch's exception, on the thread that asked for the credential,
     * with the key's lock held, so it should not block. By default a warning on this class's
     * {@code System.Logger} naming the key and the exception's class (and, for a
     * {@link CredentialException}, its message), never a secret. A failure with nothing valid held
     * is not reported here: it is thrown to the caller.
     *
     * @param listener called with the key and the failure
     * @return this builder
     * @throws NullPointerException if the listener is null
     * @since 0.1
     */
    public Builder<K> onRefreshFailure(BiConsumer<? super K, ? super RuntimeException> listener) {
      this.onRefreshFailure = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Builds the cache, empty.
     *
     * @return the cache
     * @since 0.1
     */
    public ExpiringCredentialCache<K> build() {
      return new ExpiringCredentialCache<>(this);
    }
  }
}
