package dev.ferry.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.ferry.internal.Texts;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSON document into a small tree of plain Java values, with limits for
 * hostile input. Objects become insertion-ordered {@code Map<String, Object>},
 * arrays {@code List<Object>}, strings {@code String}, integers {@code Long} (or
 * {@code BigInteger} when they do not fit), other numbers {@code Double},
 * booleans {@code Boolean} and {@code null} {@link JsonNull#NULL}. Every
 * collection is unmodifiable. A {@link JsonShape} says what to keep: the rest is
 * read through without being built, so heap use follows what the caller asked for,
 * not what the document holds.
 *
 * <p>Refused, with {@link JsonReadException}: malformed JSON, a byte order mark
 * or any encoding other than UTF-8, duplicate keys in an object that is kept
 * (parsers disagree on which value wins, so such a document means different things
 * to different readers; keys that are skipped mean nothing to us), nesting deeper
 * than the limit, a document larger than the limit, a root that is not an object,
 * and anything after the root object but whitespace. Limits on what is kept (more
 * values than the reader's budget, more entries than a shape allows) are refused with
 * its subtype {@link JsonLimitException}.
 *
 * <p>Thread-safety: immutable and thread-safe.
 */
public final class JsonReader {
  private final JsonFactory factory;
  private final int maxDepth;
  private final int maxBytes;
  private final int maxValues;
  private final String valuesLimitName;

  /**
   * Creates a reader that keeps any number of values (the document size bounds them).
   *
   * @param maxDepth deepest nesting of objects and arrays, the root object counting as 1
   * @param maxBytes largest document, in bytes
   */
  public JsonReader(int maxDepth, int maxBytes) {
    this(maxDepth, maxBytes, Integer.MAX_VALUE, "");
  }

  /**
   * Creates a reader.
   *
   * @param maxDepth deepest nesting of objects and arrays, the root object counting as 1
   * @param maxBytes largest document, in bytes; also the longest string
   * @param maxValues most values kept in the tree (objects, arrays and scalars alike)
   * @param valuesLimitName how that limit is named in errors, e.g. {@code FerryLimits.MAX_MANIFEST_VALUES}
   */
  public JsonReader(int maxDepth, int maxBytes, int maxValues, String valuesLimitName) {
    if (maxDepth < 1 || maxBytes < 2 || maxValues < 1) {
      throw new IllegalArgumentException("maxDepth and maxValues must be >= 1 and maxBytes >= 2");
    }
    this.maxDepth = maxDepth;
    this.maxBytes = maxBytes;
    this.maxValues = maxValues;
    this.valuesLimitName = valuesLimitName;
    this.factory = JsonFactories.create(maxDepth, maxBytes, maxBytes);
  }

  /**
   * Reads a document whose root must be an object, keeping all of it.
   *
   * @param json the UTF-8 bytes of the document; not modified
   * @return the root object, insertion-ordered and unmodifiable
   * @throws JsonReadException if the bytes are not one acceptable JSON object
   */
  public Map<String, Object> readObject(byte[] json) {
    return readObject(json, JsonShape.any());
  }

  /**
   * Reads a document whose root must be an object, keeping what the shape names.
   *
   * @param json the UTF-8 bytes of the document; not modified
   * @param shape what to keep; the root's shape
   * @return the root object, insertion-ordered and unmodifiable
   * @throws JsonReadException if the bytes are not one acceptable JSON object
   * @throws JsonLimitException if what is kept breaks a limit of the reader or the shape
   */
  public Map<String, Object> readObject(byte[] json, JsonShape shape) {
    checkEncoding(json);
    try (JsonParser parser = JsonFactories.parser(factory, new ByteArrayInputStream(json))) {
      JsonFactories.startRootObject(parser);
      Map<String, Object> root = new Tree(parser).object(shape, JsonPath.ROOT, 1);
      checkNothingFollows(parser);
      return root;
    } catch (StreamConstraintsException e) {
      throw JsonFactories.failure(JsonFactories.constraintReason(e, maxDepth), e.getLocation(), e);
    } catch (JsonProcessingException e) {
      throw JsonFactories.failure(JsonFactories.reason(e), e.getLocation(), e);
    } catch (CharacterCodingException e) {
      throw new JsonReadException("the document is not valid UTF-8", -1, -1, e);
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
        throw JsonFactories.failure("unexpected content after the root object: "
            + JsonFactories.describe(trailing), parser.currentTokenLocation(), null);
      }
    } catch (IOException e) {
      JsonLocation location = e instanceof JsonProcessingException jpe ? jpe.getLocation() : null;
      throw JsonFactories.failure("unexpected content after the root object", location, e);
    }
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

  /** One read: builds what the shapes keep, counting it against the reader's budget. */
  private final class Tree {
    private final JsonParser parser;
    private int values;

    Tree(JsonParser parser) {
      this.parser = parser;
    }

    /** Reads the object whose START_OBJECT is the current token. */
    Map<String, Object> object(JsonShape shape, JsonPath path, int depth) throws IOException {
      Map<String, Object> object = new LinkedHashMap<>();
      int entries = 0;
      JsonToken token;
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonShape field = shape.field(name);
        parser.nextToken();
        if (field == null) {
          parser.skipChildren();
          continue;
        }
        if (++entries > shape.maxEntries) {
          throw tooMany(path, shape);
        }
        Object value = value(field, path.key(name), depth);
        if (object.put(name, value) != null) {
          throw JsonFactories.failure("duplicate key \"" + Texts.escape(name)
              + "\" (ambiguous: JSON readers disagree on which value wins)", parser.currentLocation(), null);
        }
      }
      if (token != JsonToken.END_OBJECT) {
        throw JsonFactories.failure("malformed object", parser.currentLocation(), null);
      }
      return Collections.unmodifiableMap(object);
    }

    private List<Object> array(JsonShape shape, JsonPath path, int depth) throws IOException {
      List<Object> array = new ArrayList<>();
      JsonShape element = shape.element();
      JsonToken token;
      while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
        if (token == null) {
          throw JsonFactories.failure("unexpected end of input in an array", parser.currentLocation(), null);
        }
        if (array.size() >= shape.maxEntries) {
          throw tooMany(path, shape);
        }
        array.add(value(element, path.index(array.size()), depth));
      }
      return Collections.unmodifiableList(array);
    }

    private Object value(JsonShape shape, JsonPath path, int depth) throws IOException {
      if (++values > maxValues) {
        throw new JsonLimitException("the document has more than " + maxValues + " values"
            + (valuesLimitName.isEmpty() ? "" : " (" + valuesLimitName + ")"));
      }
      JsonToken token = parser.currentToken();
      if (token == null) {
        throw JsonFactories.failure("unexpected end of input", parser.currentLocation(), null);
      }
      switch (token) {
        case START_OBJECT:
          if (!shape.keepsObject()) {
            parser.skipChildren();
            return JsonSkipped.OBJECT;
          }
          return object(shape, path, checkDepth(depth + 1));
        case START_ARRAY:
          if (!shape.keepsArray()) {
            parser.skipChildren();
            return JsonSkipped.ARRAY;
          }
          return array(shape, path, checkDepth(depth + 1));
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
          throw JsonFactories.failure("unexpected " + JsonFactories.describe(token), parser.currentLocation(), null);
      }
    }

    private int checkDepth(int depth) {
      // the parser enforces the same limit; this keeps the recursion bounded on its own
      if (depth > maxDepth) {
        throw JsonFactories.failure("JSON nested deeper than " + maxDepth + " levels", parser.currentLocation(), null);
      }
      return depth;
    }

    private JsonLimitException tooMany(JsonPath path, JsonShape shape) {
      return new JsonLimitException(path + " has more than " + shape.maxEntries + " entries"
          + (shape.limitName.isEmpty() ? "" : " (" + shape.limitName + ")"));
    }
  }
}
