package dev.ferry.testing.internal;

import java.util.Collection;
import java.util.Iterator;

/** Just enough JSON writing for the registry's small answers (lists, errors). */
final class Json {
  private Json() {}

  static String string(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  static String strings(Collection<String> values) {
    StringBuilder out = new StringBuilder("[");
    for (Iterator<String> it = values.iterator(); it.hasNext(); ) {
      out.append(string(it.next()));
      if (it.hasNext()) {
        out.append(',');
      }
    }
    return out.append(']').toString();
  }

  static String error(ApiError error) {
    if (error.oauth()) {
      return "{\"error\":" + string(error.code()) + ",\"error_description\":" + string(error.getMessage()) + "}";
    }
    return "{\"errors\":[{\"code\":" + string(error.code()) + ",\"message\":" + string(error.getMessage())
        + ",\"detail\":null}]}";
  }
}
