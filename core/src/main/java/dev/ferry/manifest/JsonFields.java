package dev.ferry.manifest;

import dev.ferry.internal.Texts;
import dev.ferry.internal.json.JsonNull;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Typed access to the fields of a JSON object read by the internal reader. Every
 * failure names the field by its path in the document ({@code layers[2].size}).
 * A field holding {@code null} counts as absent, as it does for the Go decoders
 * registries use.
 */
final class JsonFields {
  private final Map<String, Object> object;
  private final String path;
  private final ParseContext context;

  JsonFields(Map<String, Object> object, String path, ParseContext context) {
    this.object = object;
    this.path = path;
    this.context = context;
  }

  /** The same object, reporting errors with another context. */
  JsonFields withContext(ParseContext newContext) {
    return new JsonFields(object, path, newContext);
  }

  String path(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** This object's own path, for example {@code manifests[0].platform}. */
  String where() {
    return path;
  }

  ParseContext context() {
    return context;
  }

  boolean has(String key) {
    Object value = object.get(key);
    return value != null && value != JsonNull.NULL;
  }

  Optional<Object> value(String key) {
    Object value = object.get(key);
    return value != null && value != JsonNull.NULL ? Optional.of(value) : Optional.empty();
  }

  Object required(String key, String expected) {
    Object value = object.get(key);
    if (value == null) {
      throw context.invalid(path(key) + " is required (" + expected + ")");
    }
    return value;
  }

  String requiredString(String key) {
    return asString(required(key, "a string"), key);
  }

  Optional<String> optionalString(String key) {
    return value(key).map(v -> asString(v, key));
  }

  /** A JSON integer from 0 to {@link Long#MAX_VALUE}; fractions, exponents and strings are refused. */
  long requiredSize(String key) {
    Object value = required(key, "a non-negative integer");
    if (value instanceof Long n && n >= 0) {
      return n;
    }
    if (value instanceof BigInteger n && n.signum() > 0) {
      throw context.invalid(path(key) + " must be a non-negative integer that fits in 64 bits, found " + n);
    }
    throw context.invalid(path(key) + " must be a non-negative integer, found " + describe(value));
  }

  long requiredInteger(String key) {
    Object value = required(key, "an integer");
    if (value instanceof Long n) {
      return n;
    }
    throw context.invalid(path(key) + " must be an integer, found " + describe(value));
  }

  JsonFields requiredObject(String key) {
    return asObject(required(key, "an object"), path(key));
  }

  Optional<JsonFields> optionalObject(String key) {
    return value(key).map(v -> asObject(v, path(key)));
  }

  List<JsonFields> requiredObjectArray(String key, int max) {
    List<?> array = asArray(required(key, "an array"), key);
    if (array.size() > max) {
      throw context.invalid(path(key) + " has " + array.size() + " entries, more than the limit of " + max);
    }
    List<JsonFields> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      out.add(asObject(array.get(i), path(key) + "[" + i + "]"));
    }
    return out;
  }

  List<String> optionalStringArray(String key) {
    if (!has(key)) {
      return List.of();
    }
    List<?> array = asArray(object.get(key), key);
    List<String> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      out.add(asString(array.get(i), key + "[" + i + "]"));
    }
    return out;
  }

  /** A string-to-string map, as annotations are. */
  SortedMap<String, String> optionalStringMap(String key) {
    SortedMap<String, String> out = new TreeMap<>();
    if (!has(key)) {
      return out;
    }
    Object value = object.get(key);
    if (!(value instanceof Map<?, ?> map)) {
      throw context.invalid(path(key) + " must be an object of strings, found " + describe(value));
    }
    map.forEach((k, v) -> out.put((String) k, asString(v, key + "." + k)));
    return out;
  }

  private String asString(Object value, String key) {
    if (value instanceof String s) {
      return s;
    }
    throw context.invalid(path(key) + " must be a string, found " + describe(value));
  }

  private List<?> asArray(@Nullable Object value, String key) {
    if (value instanceof List<?> list) {
      return list;
    }
    throw context.invalid(path(key) + " must be an array, found " + describe(value));
  }

  @SuppressWarnings("unchecked")
  private JsonFields asObject(Object value, String at) {
    if (value instanceof Map<?, ?> map) {
      return new JsonFields((Map<String, Object>) map, at, context);
    }
    throw context.invalid(at + " must be an object, found " + describe(value));
  }

  /** How a JSON value is shown in a message: numbers and literals as written, the rest by kind. */
  static String describe(@Nullable Object value) {
    if (value instanceof String s) {
      return "the string " + Texts.quote(s);
    }
    if (value instanceof Map) {
      return "an object";
    }
    if (value instanceof List) {
      return "an array";
    }
    return String.valueOf(value);
  }
}
