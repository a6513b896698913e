package dev.ferry.auth.azure;

import dev.ferry.auth.Credential;
import dev.ferry.auth.CredentialException;
import dev.ferry.auth.ExpiringCredentialCache;
import dev.ferry.auth.ExpiringCredentialCache.ExpiringCredential;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * ACR refresh tokens as identity-token credentials, one per login server, kept in an
 * {@link ExpiringCredentialCache} with the expiry their JWT {@code exp} claim states. A failed
 * exchange with no valid token held throws its exception unchanged: the provider decides what it
 * means (absent ambient credentials are not an error there).
 *
 * <p>Thread-safety: thread-safe; one exchange at a time per login server.
 */
final class RefreshTokenCache {
  private static final System.Logger LOG = System.getLogger(AcrCredentialProvider.class.getName());

  private final AcrExchange exchange;
  private final ExpiringCredentialCache<String> cache;

  RefreshTokenCache(AcrExchange exchange, Clock clock, Duration margin) {
    this.exchange = exchange;
    this.cache = ExpiringCredentialCache.<String>builder()
        .clock(clock)
        .refreshMargin(margin)
        .onRefreshFailure((loginServer, e) -> LOG.log(System.Logger.Level.WARNING, () -> "keeping the current ACR "
            + "refresh token for " + loginServer + ", still valid, after its replacement failed: "
            + (e instanceof CredentialException ? e.getMessage() : EntraErrors.describe(e))))
        .build();
  }

  Credential refreshToken(String loginServer) {
    return cache.get(loginServer, () -> {
      String fresh = exchange.refreshToken(loginServer, exchange.entraToken().getToken());
      return ExpiringCredential.expiringAt(Credential.identityToken(fresh), expiryOf(loginServer, fresh));
    });
  }

  private static Instant expiryOf(String loginServer, String refreshToken) {
    try {
      return JwtClaims.of(refreshToken).expiry().orElseThrow(
          () -> new IllegalArgumentException("the token's payload has no numeric exp claim"));
    } catch (IllegalArgumentException e) {
      throw new CredentialException("the ACR refresh token for " + loginServer + " cannot be used: "
          + e.getMessage(), e);
    }
  }
}
