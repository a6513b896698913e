package dev.ferry.auth.azure;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The two claims read from a JWT's payload: {@code exp} (when an ACR refresh token
 * expires) and {@code tid} (the tenant of an Entra ID access token). The payload is
 * decoded only; the signature is not checked, since the token is only ever sent back to
 * the party that issued it, and its claims only decide when to ask for a new one.
 *
 * <p>Thread-safety: immutable.
 */
record JwtClaims(@Nullable Long exp, @Nullable String tid) {
  // a JWT bigger than this is not a token any of these services issues
  static final int MAX_TOKEN_CHARS = 64 * 1024;
  private static final JsonFactory JSON = new JsonFactory();

  /**
   * Decodes the payload.
   *
   * @throws IllegalArgumentException when it is not a JWT with a JSON object payload; the
   *     message describes the shape, never the token
   */
  static JwtClaims of(String jwt) {
    if (jwt.length() > MAX_TOKEN_CHARS) {
      throw new IllegalArgumentException("the token is longer than " + MAX_TOKEN_CHARS + " characters");
    }
    String[] parts = jwt.split("\\.", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("the token is not a JWT (three dot-separated parts)");
    }
    byte[] payload;
    try {
      payload = Base64.getUrlDecoder().decode(parts[1]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the token's payload is not base64url", e);
    }
    Long exp = null;
    String tid = null;
    try (JsonParser parser = JSON.createParser(payload)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("the token's payload is not a JSON object");
      }
      JsonToken token;
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if ("exp".equals(name) && (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT)) {
          exp = parser.getValueAsLong();
        } else if ("tid".equals(name) && value == JsonToken.VALUE_STRING) {
          tid = parser.getText();
        } else {
          parser.skipChildren();
        }
      }
      if (token != JsonToken.END_OBJECT) {
        throw new IllegalArgumentException("the token's payload is not a JSON object");
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("the token's payload is not valid JSON", e);
    }
    return new JwtClaims(exp, tid);
  }

  /** {@code exp} as an instant. */
  Optional<Instant> expiry() {
    return exp == null ? Optional.empty() : Optional.of(Instant.ofEpochSecond(exp));
  }

  Optional<String> tenant() {
    return Optional.ofNullable(tid);
  }
}
