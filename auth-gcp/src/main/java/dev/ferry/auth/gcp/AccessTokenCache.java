package dev.ferry.auth.gcp;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import dev.ferry.auth.Credential;
import dev.ferry.auth.CredentialException;
import dev.ferry.auth.ExpiringCredentialCache;
import dev.ferry.auth.ExpiringCredentialCache.ExpiringCredential;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import org.jspecify.annotations.Nullable;

/**
 * The one Google access token of a provider, as {@code oauth2accesstoken} credential, kept in an
 * {@link ExpiringCredentialCache} under a single key: every Google registry shares it. The
 * library's own refresh (and its clock) is bypassed: the cache decides when to refresh, with an
 * injectable clock, and {@link GoogleCredentials#refresh()} is called only then.
 *
 * <p>Thread-safety: thread-safe; one refresh at a time, callers wait for it.
 */
final class AccessTokenCache {
  private static final System.Logger LOG = System.getLogger(GcpCredentialProvider.class.getName());
  private static final Clock SYSTEM = Clock.systemUTC();
  private static final String KEY = "Google access token";

  private final GoogleCredentials credentials;
  private final Clock clock;
  private final ExpiringCredentialCache<String> cache;
  // a token the credentials were created with; offered at the first fetch, guarded by the cache's lock
  private @Nullable AccessToken seed;

  AccessTokenCache(GoogleCredentials credentials, Clock clock, Duration margin) {
    this.credentials = credentials;
    this.clock = clock;
    this.cache = ExpiringCredentialCache.<String>builder()
        .clock(clock)
        .refreshMargin(margin)
        .onRefreshFailure((key, e) -> LOG.log(System.Logger.Level.WARNING, () -> "keeping the current "
            + "Google access token, still valid, after its refresh failed: " + SafeMessages.of(e)))
        .build();
    AccessToken initial = credentials.getAccessToken();
    this.seed = hasValue(initial) ? initial : null;
  }

  Credential credential(String registry) {
    return cache.get(KEY, () -> fetch(registry));
  }

  /**
   * The token the credentials were created with, the first time and while it is valid
   * ({@code GoogleCredentials.create(AccessToken)} can hold nothing else); otherwise a refreshed one.
   */
  private ExpiringCredential fetch(String registry) {
    AccessToken initial = seed;
    seed = null;
    if (initial != null) {
      ExpiringCredential given = expiring(initial);
      if (given.validAt(clock.instant())) {
        return given;
      }
    }
    try {
      credentials.refresh();
    } catch (IOException | RuntimeException e) {
      throw new CredentialException("Google credentials (" + describe(credentials) + ") gave no access token for "
          + registry + ": " + SafeMessages.of(e), e);
    }
    AccessToken fresh = credentials.getAccessToken();
    if (fresh == null || !hasValue(fresh)) {
      throw new CredentialException("Google credentials (" + describe(credentials)
          + ") were refreshed but hold no access token for " + registry);
    }
    return expiring(fresh);
  }

  private static boolean hasValue(@Nullable AccessToken token) {
    return token != null && token.getTokenValue() != null && !token.getTokenValue().isEmpty();
  }

  /**
   * The token with its expiry moved onto this cache's clock: the library dates a token by the
   * system clock, so what counts is the lifetime left as the system clock sees it now. In
   * production both clocks are the system clock and this changes nothing. A token without an
   * expiry is taken as valid for ever: the library could not say otherwise either.
   */
  private ExpiringCredential expiring(AccessToken token) {
    Credential credential = Credential.basic(GcpCredentialProvider.USERNAME, token.getTokenValue());
    Date expiry = token.getExpirationTime();
    return expiry == null ? ExpiringCredential.withoutExpiry(credential)
        : ExpiringCredential.expiringAt(credential,
            clock.instant().plus(Duration.between(SYSTEM.instant(), expiry.toInstant())));
  }

  /** The kind of credentials, never their secrets. */
  static String describe(GoogleCredentials credentials) {
    return credentials.getClass().getSimpleName();
  }
}
