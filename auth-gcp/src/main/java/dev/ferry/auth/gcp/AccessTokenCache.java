package dev.ferry.auth.gcp;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import dev.ferry.auth.CredentialException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.jspecify.annotations.Nullable;

/**
 * One Google access token, refreshed when it is within the margin of its expiry.
 * The library's own refresh (and its clock) is bypassed: refreshing is decided here,
 * with an injectable clock, and a refresh that fails while the held token is still
 * valid keeps the held token rather than failing a copy that could still go on.
 *
 * <p>Thread-safety: thread-safe; one refresh at a time, callers wait for it.
 */
final class AccessTokenCache {
  private static final Clock SYSTEM = Clock.systemUTC();

  private final GoogleCredentials credentials;
  private final Clock clock;
  private final Duration margin;
  private @Nullable String held;
  // on this cache's clock; null for a token the library gave no expiry
  private @Nullable Instant heldUntil;

  AccessTokenCache(GoogleCredentials credentials, Clock clock, Duration margin) {
    this.credentials = credentials;
    this.clock = clock;
    this.margin = margin;
    // credentials created with a token in hand (GoogleCredentials.create(AccessToken)) start with it
    AccessToken initial = credentials.getAccessToken();
    if (initial != null && initial.getTokenValue() != null && !initial.getTokenValue().isEmpty()) {
      hold(initial);
    }
  }

  synchronized String token(String registry) {
    Instant now = clock.instant();
    String current = held;
    if (current != null && validAt(now.plus(margin))) {
      return current;
    }
    try {
      credentials.refresh();
    } catch (IOException | RuntimeException e) {
      if (current != null && validAt(now)) {
        return current;
      }
      throw new CredentialException("Google credentials (" + describe(credentials) + ") gave no access token for "
          + registry + ": " + SafeMessages.of(e), e);
    }
    AccessToken fresh = credentials.getAccessToken();
    if (fresh == null || fresh.getTokenValue() == null || fresh.getTokenValue().isEmpty()) {
      throw new CredentialException("Google credentials (" + describe(credentials)
          + ") were refreshed but hold no access token for " + registry);
    }
    hold(fresh);
    return fresh.getTokenValue();
  }

  /**
   * Keeps a token with its expiry moved onto this cache's clock: the library dates a token
   * by the system clock, so what counts is the lifetime left as the system clock sees it now.
   * In production both clocks are the system clock and this changes nothing.
   */
  private void hold(AccessToken token) {
    Date expiry = token.getExpirationTime();
    held = token.getTokenValue();
    heldUntil = expiry == null ? null
        : clock.instant().plus(Duration.between(SYSTEM.instant(), expiry.toInstant()));
  }

  /** A token without an expiry is taken as valid: the library could not say otherwise either. */
  private boolean validAt(Instant when) {
    Instant until = heldUntil;
    return until == null || when.isBefore(until);
  }

  /** The kind of credentials, never their secrets. */
  static String describe(GoogleCredentials credentials) {
    return credentials.getClass().getSimpleName();
  }
}
