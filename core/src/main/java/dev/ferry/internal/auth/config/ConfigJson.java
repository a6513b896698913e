package dev.ferry.internal.auth.config;

import dev.ferry.auth.CredentialException;
import dev.ferry.internal.Texts;
import dev.ferry.internal.json.JsonNull;
import dev.ferry.internal.json.JsonReadException;
import dev.ferry.internal.json.JsonReader;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads credential documents and their fields, with errors that name the source and
 * the field but never quote a value: these documents hold secrets.
 */
final class ConfigJson {
  private static final JsonReader READER = new JsonReader(ConfigLimits.MAX_CONFIG_DEPTH, ConfigLimits.MAX_CONFIG_BYTES);

  // reasons JsonReader words itself, from sizes, depths, key names and token kinds: never a value
  private static final List<String> SAFE_REASONS = List.of("duplicate key", "JSON nested deeper", "the document is",
      "the document starts with a byte order mark", "the document contains a NUL byte", "the root must be",
      "unexpected content after the root object", "JSON limit exceeded");

  private ConfigJson() {}

  /**
   * The root object of a document; empty for a document of only whitespace (Docker reads an
   * empty config file as one without credentials). A UTF-8 byte order mark is skipped:
   * Windows PowerShell 5 writes one.
   */
  static Map<String, Object> read(byte[] json, String source) {
    byte[] bytes = json;
    if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf) {
      bytes = java.util.Arrays.copyOfRange(bytes, 3, bytes.length);
    }
    if (isBlank(bytes)) {
      return Map.of();
    }
    try {
      return READER.readObject(bytes);
    } catch (JsonReadException e) {
      // the reader's own wording is safe; jackson's may quote the document (a secret written without quotes)
      String reason = e.reason();
      boolean safe = SAFE_REASONS.stream().anyMatch(reason::startsWith);
      String where = e.line() > 0 ? " (line " + e.line() + ", column " + e.column() + ")" : "";
      throw new CredentialException(source + ": not valid JSON" + where + (safe ? ": " + reason : ""));
    }
  }

  private static boolean isBlank(byte[] bytes) {
    for (byte b : bytes) {
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  /** The object under a field, or null when the field is absent or JSON null. */
  @SuppressWarnings("unchecked")
  static @Nullable Map<String, Object> object(Map<String, Object> parent, String field, String where) {
    Object value = parent.get(field);
    if (value == null || value == JsonNull.NULL) {
      return null;
    }
    if (!(value instanceof Map)) {
      throw invalid(where, quote(field) + " must be a JSON object");
    }
    return (Map<String, Object>) value;
  }

  /** The string under a field; empty when the field is absent or JSON null (as Go reads it). */
  static String string(Map<String, Object> parent, String field, String where) {
    Object value = parent.get(field);
    if (value == null || value == JsonNull.NULL) {
      return "";
    }
    if (!(value instanceof String)) {
      throw invalid(where, quote(field) + " must be a string");
    }
    return (String) value;
  }

  /** {@code source: what}, for a field path such as {@code auths."ghcr.io"}. */
  static CredentialException invalid(String where, String what) {
    return new CredentialException(where + ": " + what);
  }

  /** A key of the document, safe to print: keys are registry names and field names, never secrets. */
  static String quote(String key) {
    return Texts.quote(key);
  }
}
