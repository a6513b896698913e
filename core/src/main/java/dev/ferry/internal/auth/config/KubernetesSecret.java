package dev.ferry.internal.auth.config;

import dev.ferry.auth.CredentialException;
import dev.ferry.internal.json.JsonNull;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Finds the registry credentials document in what users hold of a Kubernetes pull secret: the
 * decoded {@code .dockerconfigjson} (or {@code .dockercfg}) value itself, that value still
 * base64-encoded as it sits in the Secret's {@code data}, or the whole Secret object as
 * {@code kubectl get secret NAME -o json} or {@code -o yaml} prints it (or as written by hand,
 * with {@code stringData}). Errors say what was passed and what is expected, never a value.
 */
final class KubernetesSecret {
  static final String DOCKERCONFIGJSON_TYPE = "kubernetes.io/dockerconfigjson";
  static final String DOCKERCFG_TYPE = "kubernetes.io/dockercfg";
  private static final String DOCKERCONFIGJSON_KEY = ".dockerconfigjson";
  private static final String DOCKERCFG_KEY = ".dockercfg";
  private static final String EXPECTED = "expected the Secret's decoded .dockerconfigjson (or .dockercfg) value,"
      + " that value base64-encoded, or the whole Secret (kubectl get secret NAME -o yaml, or -o json)";

  private KubernetesSecret() {}

  /** The credentials document inside {@code secret}, as UTF-8 JSON bytes. */
  static byte[] configDocument(String secret, String source) {
    String text = secret.startsWith("\ufeff") ? secret.substring(1) : secret;
    String trimmed = text.strip();
    if (trimmed.isEmpty() || trimmed.startsWith("{")) {
      byte[] bytes = trimmed.getBytes(StandardCharsets.UTF_8);
      Map<String, Object> root = ConfigJson.read(bytes, source);
      return isSecretObject(root) ? fromSecret(root, source) : bytes;
    }
    byte[] decoded = base64(trimmed);
    if (decoded != null) {
      String inner = new String(decoded, StandardCharsets.UTF_8).strip();
      if (inner.startsWith("{")) {
        Map<String, Object> root = ConfigJson.read(inner.getBytes(StandardCharsets.UTF_8), source + " (base64-decoded)");
        return isSecretObject(root) ? fromSecret(root, source) : inner.getBytes(StandardCharsets.UTF_8);
      }
    }
    if (!looksLikeYamlMapping(trimmed)) {
      throw new CredentialException(source + ": neither JSON, base64 nor YAML; " + EXPECTED);
    }
    SecretYaml.Document yaml = SecretYaml.read(text, source);
    Map<String, Object> root = new LinkedHashMap<>(yaml.scalars());
    root.putAll(yaml.maps());
    if (!isSecretObject(root)) {
      throw new CredentialException(source + ": YAML that is not a Kubernetes Secret (no kind: Secret, data or"
          + " stringData); " + EXPECTED);
    }
    return fromSecret(root, source);
  }

  private static boolean isSecretObject(Map<String, Object> root) {
    Object kind = root.get("kind");
    if (kind instanceof String k && !k.isEmpty()) {
      return true;
    }
    return !root.containsKey("auths") && (root.containsKey("data") || root.containsKey("stringData"))
        && root.containsKey("apiVersion");
  }

  private static byte[] fromSecret(Map<String, Object> secret, String source) {
    String kind = ConfigJson.string(secret, "kind", source);
    if (!kind.isEmpty() && !kind.equals("Secret")) {
      throw new CredentialException(source + ": a Kubernetes " + ConfigJson.quote(kind) + " object, not a Secret"
          + (kind.endsWith("List") ? "; pass each Secret of the list on its own" : "") + "; " + EXPECTED);
    }
    String type = ConfigJson.string(secret, "type", source + ": Secret");
    String where = source + ": Secret";
    Map<String, Object> stringData = ConfigJson.object(secret, "stringData", where);
    Map<String, Object> data = ConfigJson.object(secret, "data", where);
    String key;
    switch (type) {
      case DOCKERCONFIGJSON_TYPE -> key = DOCKERCONFIGJSON_KEY;
      case DOCKERCFG_TYPE -> key = DOCKERCFG_KEY;
      case "" -> key = !has(stringData, DOCKERCONFIGJSON_KEY) && !has(data, DOCKERCONFIGJSON_KEY)
          && (has(stringData, DOCKERCFG_KEY) || has(data, DOCKERCFG_KEY)) ? DOCKERCFG_KEY : DOCKERCONFIGJSON_KEY;
      default -> throw new CredentialException(where + " of type " + ConfigJson.quote(type) + " holds no registry"
          + " credentials for kubelet: pull secrets have type " + DOCKERCONFIGJSON_TYPE + " (key "
          + DOCKERCONFIGJSON_KEY + ") or " + DOCKERCFG_TYPE + " (key " + DOCKERCFG_KEY + ")");
    }
    // the API server merges stringData over data when it stores a Secret
    if (stringData != null && has(stringData, key)) {
      return ConfigJson.string(stringData, key, where + ": stringData").getBytes(StandardCharsets.UTF_8);
    }
    if (data != null && has(data, key)) {
      String encoded = ConfigJson.string(data, key, where + ": data");
      byte[] decoded = base64(encoded.strip());
      if (decoded == null) {
        throw new CredentialException(where + ": data." + ConfigJson.quote(key) + " is not valid base64");
      }
      return decoded;
    }
    throw new CredentialException(where + (type.isEmpty() ? "" : " of type " + ConfigJson.quote(type))
        + " has no " + ConfigJson.quote(key) + " under data or stringData");
  }

  private static boolean has(@Nullable Map<String, Object> map, String key) {
    return map != null && map.containsKey(key) && map.get(key) != JsonNull.NULL;
  }

  /** The decoded bytes when the text is standard base64 (line breaks allowed, as in wrapped output); else null. */
  private static byte @Nullable [] base64(String text) {
    String compact = text.replace("\n", "").replace("\r", "");
    if (compact.isEmpty() || compact.length() % 4 != 0) {
      return null;
    }
    for (int i = 0; i < compact.length(); i++) {
      char c = compact.charAt(i);
      if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/'
          || c == '=')) {
        return null;
      }
    }
    try {
      return Base64.getDecoder().decode(compact);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean looksLikeYamlMapping(String text) {
    for (String line : text.lines().toList()) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#") || l.equals("---")) {
        continue;
      }
      return l.indexOf(':') > 0;
    }
    return false;
  }
}
