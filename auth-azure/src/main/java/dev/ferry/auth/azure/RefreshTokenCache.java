package dev.ferry.auth.azure;

import dev.ferry.auth.CredentialException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * ACR refresh tokens, one per login server, each replaced once it is within the margin
 * of the expiry its JWT {@code exp} claim states. A replacement that fails while the held
 * token is still valid keeps the held one.
 *
 * <p>Thread-safety: thread-safe; one exchange at a time per login server.
 */
final class RefreshTokenCache {
  private final AcrExchange exchange;
  private final Clock clock;
  private final Duration margin;
  private final Map<String, Slot> slots = new ConcurrentHashMap<>();

  RefreshTokenCache(AcrExchange exchange, Clock clock, Duration margin) {
    this.exchange = exchange;
    this.clock = clock;
    this.margin = margin;
  }

  String refreshToken(String loginServer) {
    return slots.computeIfAbsent(loginServer, k -> new Slot()).get(loginServer);
  }

  private final class Slot {
    private @Nullable String token;
    private Instant expiry = Instant.MIN;

    synchronized String get(String loginServer) {
      Instant now = clock.instant();
      String held = token;
      if (held != null && now.plus(margin).isBefore(expiry)) {
        return held;
      }
      try {
        String fresh = exchange.refreshToken(loginServer, exchange.entraToken().getToken());
        Instant freshExpiry = expiryOf(loginServer, fresh);
        token = fresh;
        expiry = freshExpiry;
        return fresh;
      } catch (RuntimeException e) {
        if (held != null && now.isBefore(expiry)) {
          return held;
        }
        // the provider decides what a failure means: absent ambient credentials are not an error there
        throw e;
      }
    }
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
