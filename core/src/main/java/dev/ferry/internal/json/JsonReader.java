package dev.ferry.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.ferry.internal.Texts;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a JSON document into a small tree of plain Java values, with limits for
 * hostile input. Objects become insertion-ordered {@code Map<String, Object>},
 * arrays {@code List<Object>}, strings {@code String}, integers {@code Long} (or
 * {@code BigInteger} when they do not fit), other numbers {@code Double},
 * booleans {@code Boolean} and {@code null} {@link JsonNull#NULL}. Every
 * collection is unmodifiable.
 *
 * <p>Refused, with {@link JsonReadException}: malformed JSON, a byte order mark
 * or any encoding other than UTF-8, duplicate keys in an object (parsers disagree
 * on which value wins, so such a document means different things to different
 * readers), nesting deeper than the limit, a document larger than the limit, a
 * root that is not an object, and anything after the root object but whitespace.
 *
 * <p>Thread-safety: immutable and thread-safe.
 */
public final class JsonReader {
  // jackson-core's wording for STRICT_DUPLICATE_DETECTION failures
  private static final Pattern DUPLICATE = Pattern.compile("^Duplicate (?:field|Object property) [\"'](.*)[\"']");

  private final JsonFactory factory;
  private final int maxDepth;
  private final int maxBytes;

  /**
   * Creates a reader.
   *
   * @param maxDepth deepest nesting of objects and arrays, the root object counting as 1
   * @param maxBytes largest document, in bytes
   */
  public JsonReader(int maxDepth, int maxBytes) {
    if (maxDepth < 1 || maxBytes < 2) {
      throw new IllegalArgumentException("maxDepth must be >= 1 and maxBytes >= 2");
    }
    this.maxDepth = maxDepth;
    this.maxBytes = maxBytes;
    this.factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(maxDepth)
            .maxDocumentLength(maxBytes)
            .maxStringLength(maxBytes)
            .build())
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .build();
  }

  /**
   * Reads a document whose root must be an object.
   *
   * @param json the UTF-8 bytes of the document; not modified
   * @return the root object, insertion-ordered and unmodifiable
   * @throws JsonReadException if the bytes are not one acceptable JSON object
   */
  public Map<String, Object> readObject(byte[] json) {
    checkEncoding(json);
    try (JsonParser parser = factory.createParser(json)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new JsonReadException("the document is empty");
      }
      if (first != JsonToken.START_OBJECT) {
        throw failure("the root must be a JSON object, found " + describe(first), parser.currentLocation(), null);
      }
      Map<String, Object> root = readObjectBody(parser, 1);
      checkNothingFollows(parser);
      return root;
    } catch (StreamConstraintsException e) {
      throw failure(constraintReason(e), e.getLocation(), e);
    } catch (JsonProcessingException e) {
      throw failure(reason(e), e.getLocation(), e);
    } catch (IOException | RuntimeException e) {
      if (e instanceof JsonReadException jre) {
        throw jre;
      }
      // reading a byte array cannot fail with I/O; anything else from the parser is still bad input
      throw new JsonReadException("unreadable JSON: " + Texts.escape(String.valueOf(e.getMessage())), -1, -1, e);
    }
  }

  private static void checkNothingFollows(JsonParser parser) {
    try {
      JsonToken trailing = parser.nextToken();
      if (trailing != null) {
        throw failure("unexpected content after the root object: " + describe(trailing),
            parser.currentTokenLocation(), null);
      }
    } catch (IOException e) {
      JsonLocation location = e instanceof JsonProcessingException jpe ? jpe.getLocation() : null;
      throw failure("unexpected content after the root object", location, e);
    }
  }

  private static final Pattern START_MARKER = Pattern.compile("\\s*\\(start marker at \\[[^\\]]*\\][^)]*\\)");

  private static String reason(JsonProcessingException e) {
    String message = String.valueOf(e.getOriginalMessage());
    Matcher duplicate = DUPLICATE.matcher(message);
    if (duplicate.find()) {
      return "duplicate key \"" + Texts.escape(duplicate.group(1))
          + "\" (ambiguous: JSON readers disagree on which value wins)";
    }
    // Jackson points back at where an unclosed value started, in its own location syntax; we add ours
    return Texts.escape(START_MARKER.matcher(message).replaceAll(""));
  }

  private void checkEncoding(byte[] json) {
    if (json.length > maxBytes) {
      throw new JsonReadException("the document is " + json.length + " bytes, more than the limit of " + maxBytes);
    }
    if (json.length >= 2 && ((json[0] & 0xff) == 0xfe && (json[1] & 0xff) == 0xff
        || (json[0] & 0xff) == 0xff && (json[1] & 0xff) == 0xfe)
        || json.length >= 3 && (json[0] & 0xff) == 0xef && (json[1] & 0xff) == 0xbb && (json[2] & 0xff) == 0xbf) {
      throw new JsonReadException("the document starts with a byte order mark; JSON must be UTF-8 without one");
    }
    // UTF-8 JSON never holds a NUL byte (control characters in strings must be escaped);
    // refusing it stops the parser from guessing UTF-16 or UTF-32
    for (int i = 0; i < json.length; i++) {
      if (json[i] == 0) {
        throw new JsonReadException("the document contains a NUL byte at offset " + i + "; JSON must be UTF-8");
      }
    }
  }

  private Map<String, Object> readObjectBody(JsonParser parser, int depth) throws IOException {
    Map<String, Object> object = new LinkedHashMap<>();
    JsonToken token;
    while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      Object value = readValue(parser, depth);
      if (object.put(name, value) != null) {
        // the parser's own duplicate detection catches this first; kept as a guard
        throw failure("duplicate key \"" + Texts.escape(name) + "\"", parser.currentLocation(), null);
      }
    }
    if (token != JsonToken.END_OBJECT) {
      throw failure("malformed object", parser.currentLocation(), null);
    }
    return Collections.unmodifiableMap(object);
  }

  private List<Object> readArrayBody(JsonParser parser, int depth) throws IOException {
    List<Object> array = new ArrayList<>();
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (token == null) {
        throw failure("unexpected end of input in an array", parser.currentLocation(), null);
      }
      array.add(readValue(parser, depth));
    }
    return Collections.unmodifiableList(array);
  }

  private Object readValue(JsonParser parser, int depth) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == null) {
      throw failure("unexpected end of input", parser.currentLocation(), null);
    }
    switch (token) {
      case START_OBJECT:
        return readObjectBody(parser, checkDepth(depth + 1, parser));
      case START_ARRAY:
        return readArrayBody(parser, checkDepth(depth + 1, parser));
      case VALUE_STRING:
        return parser.getText();
      case VALUE_NUMBER_INT:
        return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
            ? parser.getBigIntegerValue() : (Object) parser.getLongValue();
      case VALUE_NUMBER_FLOAT:
        return parser.getDoubleValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return JsonNull.NULL;
      default:
        throw failure("unexpected " + describe(token), parser.currentLocation(), null);
    }
  }

  private int checkDepth(int depth, JsonParser parser) {
    // the parser enforces the same limit; this keeps the recursion bounded on its own
    if (depth > maxDepth) {
      throw failure("JSON nested deeper than " + maxDepth + " levels", parser.currentLocation(), null);
    }
    return depth;
  }

  private String constraintReason(StreamConstraintsException e) {
    String message = String.valueOf(e.getOriginalMessage());
    if (message.contains("nesting depth")) {
      return "JSON nested deeper than " + maxDepth + " levels";
    }
    return "JSON limit exceeded: " + Texts.escape(message);
  }

  private static JsonReadException failure(String reason, JsonLocation location, Throwable cause) {
    int line = location == null ? -1 : location.getLineNr();
    int column = location == null ? -1 : location.getColumnNr();
    return new JsonReadException(reason, line, column, cause);
  }

  private static String describe(JsonToken token) {
    switch (token) {
      case START_ARRAY:
        return "an array";
      case START_OBJECT:
        return "an object";
      case VALUE_STRING:
        return "a string";
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return "a number";
      case VALUE_TRUE:
      case VALUE_FALSE:
        return "a boolean";
      case VALUE_NULL:
        return "null";
      default:
        return token.toString();
    }
  }
}
