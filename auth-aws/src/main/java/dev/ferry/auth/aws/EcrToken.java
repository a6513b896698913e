package dev.ferry.auth.aws;

import dev.ferry.auth.Credential;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * A decoded ECR authorization token and when it stops working. {@code toString()} names the
 * expiry only.
 */
record EcrToken(Credential credential, Instant expiresAt) {
  /** Far above ECR's ~2 KB tokens; a larger answer is not a token but a broken or hostile endpoint. */
  static final int MAX_TOKEN_CHARS = 64 * 1024;

  EcrToken {
    Objects.requireNonNull(credential, "credential");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /**
   * Decodes ECR's {@code authorizationToken}: base64 of {@code AWS:<password>}. A token that is
   * not of that form is refused with a message that names the registry and what was wrong,
   * never any part of the token.
   */
  static Credential decode(String token, String registry) {
    if (token.length() > MAX_TOKEN_CHARS) {
      throw malformed(registry, "is longer than " + MAX_TOKEN_CHARS + " characters");
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(token.trim());
    } catch (IllegalArgumentException e) {
      // the decoder's message quotes the offending character: part of the secret, so it is dropped
      throw malformed(registry, "is not base64");
    }
    String decoded = new String(raw, StandardCharsets.UTF_8);
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      throw malformed(registry, "does not decode to <user>:<password>");
    }
    String user = decoded.substring(0, colon);
    String password = decoded.substring(colon + 1);
    if (user.isEmpty() || password.isEmpty()) {
      throw malformed(registry, "decodes to an empty user name or password");
    }
    return Credential.basic(user, password);
  }

  private static EcrCredentialException malformed(String registry, String what) {
    return new EcrCredentialException("the ECR authorization token for " + registry + " " + what, registry, null, 0,
        null);
  }

  @Override
  public String toString() {
    return "EcrToken{" + credential + ", expiresAt=" + expiresAt + "}";
  }
}
