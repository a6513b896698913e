package dev.ferry.testing.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The bearer tokens the registry's token endpoint issued: opaque random strings that
 * stand for a subject, the scopes granted and an expiry (clients must treat tokens as
 * opaque, so nothing is gained by a JWT here), and refresh tokens that stand for a
 * user. Expired tokens are forgotten as new ones are issued. Thread-safe.
 */
final class Tokens {
  /** What an access token grants, until when. */
  record Issued(@Nullable String subject, List<Access> access, Instant expires) {
    boolean expired(Instant now) {
      return !now.isBefore(expires);
    }

    boolean covers(Access wanted) {
      if (wanted.isAuthenticationOnly()) {
        return true;
      }
      for (Access granted : access) {
        if (granted.type().equals(wanted.type()) && granted.name().equals(wanted.name())
            && granted.actions().containsAll(wanted.actions())) {
          return true;
        }
      }
      return false;
    }
  }

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Issued> access = new ConcurrentHashMap<>();
  private final Map<String, String> refresh = new ConcurrentHashMap<>();
  private final Duration lifetime;
  private final Clock clock;

  Tokens(Duration lifetime, Clock clock) {
    this.lifetime = lifetime;
    this.clock = clock;
  }

  Duration lifetime() {
    return lifetime;
  }

  Instant now() {
    return clock.instant();
  }

  String issue(@Nullable String subject, List<Access> granted) {
    Instant now = now();
    access.values().removeIf(t -> t.expired(now));
    String token = newToken();
    access.put(token, new Issued(subject, List.copyOf(granted), now.plus(lifetime)));
    return token;
  }

  Optional<Issued> lookup(String token) {
    return Optional.ofNullable(access.get(token));
  }

  String refreshTokenFor(String user) {
    String token = newToken();
    refresh.put(token, user);
    return token;
  }

  Optional<String> userOfRefreshToken(String token) {
    return Optional.ofNullable(refresh.get(token));
  }

  private String newToken() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
