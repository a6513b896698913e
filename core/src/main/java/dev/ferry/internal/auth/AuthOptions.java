package dev.ferry.internal.auth;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of {@link RegistryAuth}. Immutable.
 *
 * @param expiryMarginFraction how early, as a share of a token's lifetime, a cached
 *     token is replaced (0.1: a 300 s token is replaced after 270 s); 0 to 0.5
 * @param minimumExpiryMargin the least margin, whatever the lifetime, for clock skew
 *     and the time a request takes to reach the registry
 * @param oauthPasswordGrant whether a user name and password are exchanged with an
 *     OAuth2 POST ({@code grant_type=password}) instead of a GET with Basic auth;
 *     off by default because Docker Hub answers such a POST with 405
 * @param clientId the {@code client_id} sent in OAuth2 POSTs, for the token server's audit log
 */
public record AuthOptions(double expiryMarginFraction, Duration minimumExpiryMargin,
    boolean oauthPasswordGrant, String clientId) {
  public AuthOptions {
    if (!(expiryMarginFraction >= 0 && expiryMarginFraction <= 0.5)) {
      throw new IllegalArgumentException("expiryMarginFraction must be between 0 and 0.5");
    }
    Objects.requireNonNull(minimumExpiryMargin, "minimumExpiryMargin");
    if (minimumExpiryMargin.isNegative()) {
      throw new IllegalArgumentException("minimumExpiryMargin must not be negative");
    }
    Objects.requireNonNull(clientId, "clientId");
    if (clientId.isBlank()) {
      throw new IllegalArgumentException("clientId must not be blank");
    }
  }

  /** 10 % of the lifetime, at least 5 s; Basic GET for passwords; client id {@code ferry}. */
  public static AuthOptions defaults() {
    return new AuthOptions(0.1, Duration.ofSeconds(5), false, "ferry");
  }

  public AuthOptions withExpiryMargin(double fraction, Duration minimum) {
    return new AuthOptions(fraction, minimum, oauthPasswordGrant, clientId);
  }

  public AuthOptions withOAuthPasswordGrant(boolean enabled) {
    return new AuthOptions(expiryMarginFraction, minimumExpiryMargin, enabled, clientId);
  }

  public AuthOptions withClientId(String id) {
    return new AuthOptions(expiryMarginFraction, minimumExpiryMargin, oauthPasswordGrant, id);
  }

  /**
   * How long before expiry a token of this lifetime is replaced: the fraction, at
   * least the minimum, but never more than half the lifetime, so that even a short
   * token is used for a while instead of being fetched for every request.
   */
  Duration marginFor(Duration lifetime) {
    Duration byFraction = Duration.ofMillis((long) (lifetime.toMillis() * expiryMarginFraction));
    Duration margin = byFraction.compareTo(minimumExpiryMargin) < 0 ? minimumExpiryMargin : byFraction;
    Duration half = lifetime.dividedBy(2);
    return margin.compareTo(half) > 0 ? half : margin;
  }
}
