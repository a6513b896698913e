package dev.ferry.internal.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A bearer token from a token server, with its lifetime. Immutable; {@link #toString()}
 * never shows the token or the refresh token.
 *
 * @param value the token, as sent after {@code Bearer }
 * @param issuedAt when it was issued (by the server's word, or when it arrived)
 * @param expiresAt when it stops being valid
 * @param refreshToken the refresh token the server sent along, or null
 */
public record BearerToken(String value, Instant issuedAt, Instant expiresAt, @Nullable String refreshToken) {
  public BearerToken {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (expiresAt.isBefore(issuedAt)) {
      throw new IllegalArgumentException("expiresAt is before issuedAt");
    }
  }

  /** How long the token is valid, from issue to expiry. */
  public Duration lifetime() {
    return Duration.between(issuedAt, expiresAt);
  }

  /** The refresh token the server sent, if it sent one. */
  public Optional<String> refresh() {
    return Optional.ofNullable(refreshToken);
  }

  /** The Authorization header value. */
  String authorization() {
    return "Bearer " + value;
  }

  @Override
  public String toString() {
    return "BearerToken[<redacted>, issuedAt=" + issuedAt + ", expiresAt=" + expiresAt
        + (refreshToken == null ? "" : ", refreshToken=<redacted>") + "]";
  }
}
