package dev.ferry.internal.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.ferry.FerryLimits;
import dev.ferry.registry.RegistryError;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Parses a registry error body, {@code {"errors":[{"code","message","detail"}]}}, and
 * the two other shapes registries and token servers send ({@code {"message":...}} and
 * OAuth's {@code {"error":...,"error_description":...}}). Lenient by design: the body is
 * untrusted and often cut at the read limit, so entries read before the first problem are
 * kept and anything unreadable yields none, never an exception. {@code detail} may be any
 * JSON and is kept as compact JSON text. Stateless; thread-safe.
 */
final class ErrorBodyParser {
  /** Most entries kept from one body. */
  static final int MAX_ERRORS = 100;

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(FerryLimits.MAX_JSON_DEPTH)
          .maxDocumentLength(ErrorBodies.MAX_ERROR_BODY_BYTES)
          .build())
      .build();

  private ErrorBodyParser() {}

  static List<RegistryError> parse(byte[] body) {
    List<RegistryError> errors = new ArrayList<>();
    String message = null;
    String error = null;
    String description = null;
    try (JsonParser p = FACTORY.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return List.of();
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        switch (name) {
          case "errors" -> {
            if (value == JsonToken.START_ARRAY) {
              readEntries(p, errors);
            } else {
              p.skipChildren();
            }
          }
          case "message" -> message = scalar(p);
          case "error" -> error = scalar(p);
          case "error_description" -> description = scalar(p);
          default -> p.skipChildren();
        }
      }
    } catch (IOException | RuntimeException e) {
      // malformed or cut off: what was read so far stands
    }
    if (errors.isEmpty() && error != null && !error.isEmpty()) {
      errors.add(new RegistryError(error, description == null ? "" : description, ""));
    } else if (errors.isEmpty() && message != null && !message.isEmpty()) {
      errors.add(new RegistryError("", message, ""));
    }
    return List.copyOf(errors);
  }

  private static void readEntries(JsonParser p, List<RegistryError> errors) throws IOException {
    JsonToken token;
    while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
      if (token == null) {
        throw new IOException("the body ends inside the errors array");
      }
      if (token != JsonToken.START_OBJECT) {
        p.skipChildren();
        continue;
      }
      String code = "";
      String message = "";
      String detail = "";
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        switch (name) {
          case "code" -> code = nonNull(scalar(p));
          case "message" -> message = nonNull(scalar(p));
          case "detail" -> detail = json(p);
          default -> p.skipChildren();
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT) {
        throw new IOException("an error entry is cut off");
      }
      if (errors.size() < MAX_ERRORS) {
        errors.add(new RegistryError(code, message, detail));
      }
    }
  }

  /** The text of a string, number or boolean; objects and arrays are skipped. */
  private static @Nullable String scalar(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
      p.skipChildren();
      return null;
    }
    return t == JsonToken.VALUE_NULL ? null : p.getText();
  }

  private static String json(JsonParser p) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return "";
    }
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.copyCurrentStructure(p);
    }
    return out.toString();
  }

  private static String nonNull(@Nullable String s) {
    return s == null ? "" : s;
  }
}
