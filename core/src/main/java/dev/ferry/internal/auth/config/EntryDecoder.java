package dev.ferry.internal.auth.config;

import dev.ferry.auth.Credential;
import dev.ferry.internal.json.JsonNull;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns one {@code auths} entry into a credential, as Docker reads it: a
 * {@code registrytoken} (sent as the bearer token) before an {@code identitytoken}
 * (an OAuth2 refresh token) before {@code auth} (base64 of {@code user:password}, split
 * at the first {@code :}) before {@code username}/{@code password}. An entry with none
 * of them (Docker writes {@code {}} when a credential helper holds the secret) has no
 * credential. Kubelet reads only the user name and password.
 */
final class EntryDecoder {
  private EntryDecoder() {}

  @SuppressWarnings("unchecked")
  static @Nullable Credential decode(Object value, String where, boolean tokens) {
    if (value == JsonNull.NULL) {
      return null;
    }
    if (!(value instanceof Map)) {
      throw ConfigJson.invalid(where, "must be a JSON object");
    }
    Map<String, Object> entry = (Map<String, Object>) value;
    if (tokens) {
      String registryToken = ConfigJson.string(entry, "registrytoken", where);
      if (!registryToken.isEmpty()) {
        return Credential.registryToken(registryToken);
      }
      String identityToken = ConfigJson.string(entry, "identitytoken", where);
      if (!identityToken.isEmpty()) {
        return Credential.identityToken(identityToken);
      }
    }
    String auth = ConfigJson.string(entry, "auth", where);
    if (!auth.isEmpty()) {
      return decodeAuth(auth, where);
    }
    String username = ConfigJson.string(entry, "username", where);
    String password = ConfigJson.string(entry, "password", where);
    if (!username.isEmpty()) {
      return Credential.basic(username, password);
    }
    if (!password.isEmpty()) {
      throw ConfigJson.invalid(where, "has a \"password\" but no \"username\"");
    }
    return null;
  }

  private static Credential decodeAuth(String auth, String where) {
    byte[] decoded;
    try {
      // Go's decoder skips line breaks; the JDK's basic decoder refuses them
      decoded = Base64.getDecoder().decode(auth.replace("\r", "").replace("\n", ""));
    } catch (IllegalArgumentException e) {
      // not chained: the JDK's message names the offending character of the secret
      throw ConfigJson.invalid(where, "\"auth\" is not valid base64");
    }
    String text = new String(decoded, StandardCharsets.UTF_8);
    int colon = text.indexOf(':');
    if (colon < 0) {
      throw ConfigJson.invalid(where, "\"auth\" must be the base64 of user:password, and it holds no ':'");
    }
    if (colon == 0) {
      throw ConfigJson.invalid(where, "\"auth\" must be the base64 of user:password, and it has no user name");
    }
    return Credential.basic(text.substring(0, colon), stripNuls(text.substring(colon + 1)));
  }

  /** Docker trims NUL padding some writers left after the password. */
  private static String stripNuls(String password) {
    int start = 0;
    int end = password.length();
    while (start < end && password.charAt(start) == 0) {
      start++;
    }
    while (end > start && password.charAt(end - 1) == 0) {
      end--;
    }
    return password.substring(start, end);
  }
}
