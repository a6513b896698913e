package dev.ferry.internal.auth;

import dev.ferry.FerryLimits;
import dev.ferry.internal.json.JsonReadException;
import dev.ferry.internal.json.JsonReader;
import dev.ferry.internal.json.JsonShape;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a token server's JSON answer (distribution's {@code token.md} and
 * {@code oauth.md}): {@code token} or {@code access_token} (both may appear; the
 * first non-empty of the two in that order wins), {@code expires_in} in seconds
 * (60 when absent; the spec forbids less than 60, so less is raised to 60),
 * {@code issued_at} in RFC 3339 (when the answer arrived, when absent), and an
 * optional {@code refresh_token}.
 *
 * <p>Lenient on the optional fields (a wrong type or an unreadable date falls
 * back to the default), strict on the token: without one, or with one that
 * cannot be put into a header, it throws {@link TokenResponseException}.
 *
 * <p>Thread-safety: immutable.
 */
final class TokenResponseParser {
  /** Largest token response read: JWTs with many scopes reach tens of KiB, never a MiB. */
  static final int MAX_TOKEN_RESPONSE_BYTES = FerryLimits.MAX_TOKEN_RESPONSE_BYTES;
  static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);
  static final Duration MIN_LIFETIME = Duration.ofSeconds(60);
  // bounds Instant arithmetic; a year is far beyond any real token
  static final Duration MAX_LIFETIME = Duration.ofDays(365);

  private static final JsonReader JSON = new JsonReader(32, MAX_TOKEN_RESPONSE_BYTES);
  // only these are read; whatever else a token server sends is skipped, not built
  private static final JsonShape FIELDS = JsonShape.object(Map.of("token", JsonShape.scalar(),
      "access_token", JsonShape.scalar(), "expires_in", JsonShape.scalar(), "issued_at", JsonShape.scalar(),
      "refresh_token", JsonShape.scalar()));
  private static final DateTimeFormatter RFC_3339 = new DateTimeFormatterBuilder()
      .parseCaseInsensitive().append(DateTimeFormatter.ISO_OFFSET_DATE_TIME).toFormatter();

  private TokenResponseParser() {}

  /**
   * Parses the body.
   *
   * @param body the response body, at most {@link #MAX_TOKEN_RESPONSE_BYTES}
   * @param now when the answer arrived
   */
  static BearerToken parse(byte[] body, Instant now) {
    Map<String, Object> root;
    try {
      root = JSON.readObject(body, FIELDS);
    } catch (JsonReadException e) {
      // the reader's reason may quote the document, and the document holds the token
      throw new TokenResponseException("the response is not a JSON object"
          + (e.line() > 0 ? " (line " + e.line() + ", column " + e.column() + ")" : ""));
    }
    String token = nonEmpty(root.get("token"));
    if (token == null) {
      token = nonEmpty(root.get("access_token"));
    }
    if (token == null) {
      throw new TokenResponseException("the response has neither \"token\" nor \"access_token\"");
    }
    if (!isHeaderSafe(token)) {
      throw new TokenResponseException("the token holds characters that cannot be sent in an HTTP header");
    }
    Duration lifetime = lifetime(root.get("expires_in"));
    Instant issuedAt = issuedAt(root.get("issued_at"), now, lifetime);
    return new BearerToken(token, issuedAt, issuedAt.plus(lifetime), nonEmpty(root.get("refresh_token")));
  }

  private static Duration lifetime(@Nullable Object value) {
    long seconds;
    if (value instanceof Long l) {
      seconds = l;
    } else if (value instanceof Double d && !d.isNaN()) {
      seconds = (long) Math.floor(Math.min(d, MAX_LIFETIME.getSeconds()));
    } else if (value instanceof BigInteger b) {
      seconds = b.signum() > 0 ? MAX_LIFETIME.getSeconds() : 0;
    } else if (value instanceof String s && s.matches("[0-9]{1,12}")) {
      seconds = Long.parseLong(s); // some servers quote the number
    } else {
      return DEFAULT_LIFETIME;
    }
    Duration d = Duration.ofSeconds(Math.min(Math.max(seconds, 0), MAX_LIFETIME.getSeconds()));
    return d.compareTo(MIN_LIFETIME) < 0 ? MIN_LIFETIME : d;
  }

  /**
   * The server's issue time when it is plausible: not after now and not so long ago
   * that the token would already have expired. A server whose clock is skewed from
   * ours would otherwise make every token look expired (or everlasting); then the
   * lifetime counts from when the answer arrived.
   */
  private static Instant issuedAt(@Nullable Object value, Instant now, Duration lifetime) {
    if (!(value instanceof String s) || s.isEmpty()) {
      return now;
    }
    try {
      Instant issued = OffsetDateTime.parse(s, RFC_3339).toInstant();
      return issued.isAfter(now) || !issued.plus(lifetime).isAfter(now) ? now : issued;
    } catch (DateTimeParseException e) {
      return now;
    }
  }

  private static @Nullable String nonEmpty(@Nullable Object value) {
    return value instanceof String s && !s.isEmpty() ? s : null;
  }

  /** Visible ASCII only: a token with CR, LF or controls could split the request's headers. */
  static boolean isHeaderSafe(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        return false;
      }
    }
    return !value.isEmpty();
  }
}
