package dev.ferry.internal.auth;

import dev.ferry.internal.json.JsonReadException;
import dev.ferry.internal.json.JsonReader;
import dev.ferry.internal.http.Response;
import dev.ferry.registry.RegistryError;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The registry's {@code {"errors":[{"code","message","detail"}]}} from a 401 or 403
 * body, for {@link dev.ferry.registry.AuthenticationException}. Kept in this one
 * class so the general error-body parser of the HTTP layer can replace it.
 *
 * <p>Tolerant: any body that is not such a document (HTML, garbage, too large,
 * a connection that fails while reading) yields no entries rather than an error,
 * because the status alone already says what happened.
 *
 * <p>Thread-safety: stateless.
 */
final class RegistryErrorBody {
  /** Most of an error body read: registries send a few hundred bytes. */
  static final int MAX_ERROR_BODY_BYTES = 64 * 1024;
  private static final int MAX_ENTRIES = 32;
  private static final int MAX_DETAIL_CHARS = 4096;
  private static final JsonReader JSON = new JsonReader(16, MAX_ERROR_BODY_BYTES);

  private RegistryErrorBody() {}

  /** The entries of the response's body; reads the body but does not close the response. */
  static List<RegistryError> read(Response response) {
    try (InputStream in = response.body()) {
      byte[] bytes = BoundedBody.read(in, MAX_ERROR_BODY_BYTES);
      return bytes.length > MAX_ERROR_BODY_BYTES ? List.of() : parse(bytes);
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  static List<RegistryError> parse(byte[] body) {
    Map<String, Object> root;
    try {
      root = JSON.readObject(body);
    } catch (JsonReadException e) {
      return List.of();
    }
    if (!(root.get("errors") instanceof List<?> entries)) {
      return List.of();
    }
    List<RegistryError> errors = new ArrayList<>();
    for (Object entry : entries) {
      if (errors.size() == MAX_ENTRIES) {
        break;
      }
      if (entry instanceof Map<?, ?> fields && fields.get("code") instanceof String code) {
        String message = fields.get("message") instanceof String m ? m : "";
        Object detail = fields.get("detail");
        errors.add(new RegistryError(code, message, detail == null ? "" : detailText(detail)));
      }
    }
    return List.copyOf(errors);
  }

  private static String detailText(Object detail) {
    if (detail instanceof String s) {
      return s.length() > MAX_DETAIL_CHARS ? s.substring(0, MAX_DETAIL_CHARS) : s;
    }
    StringBuilder sb = new StringBuilder();
    appendJson(sb, detail);
    return sb.length() > MAX_DETAIL_CHARS ? sb.substring(0, MAX_DETAIL_CHARS) : sb.toString();
  }

  /** Compact JSON text of a tree from {@link JsonReader}; stops growing once past the cap. */
  private static void appendJson(StringBuilder sb, Object value) {
    if (sb.length() > MAX_DETAIL_CHARS) {
      return;
    }
    if (value instanceof Map<?, ?> map) {
      sb.append('{');
      String sep = "";
      for (Map.Entry<?, ?> e : map.entrySet()) {
        sb.append(sep);
        appendString(sb, String.valueOf(e.getKey()));
        sb.append(':');
        appendJson(sb, e.getValue());
        sep = ",";
      }
      sb.append('}');
    } else if (value instanceof List<?> list) {
      sb.append('[');
      String sep = "";
      for (Object item : list) {
        sb.append(sep);
        appendJson(sb, item);
        sep = ",";
      }
      sb.append(']');
    } else if (value instanceof String s) {
      appendString(sb, s);
    } else {
      sb.append(value); // numbers, booleans, JsonNull print as JSON literals
    }
  }

  private static void appendString(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    sb.append('"');
  }
}
