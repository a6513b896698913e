package dev.ferry.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.ferry.internal.Texts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.util.function.Consumer;

/**
 * Streams the strings of one array field of a JSON object ({@code {"tags":["a","b"]}})
 * to a consumer as they are parsed, never holding the document: a list page of
 * millions of entries costs the heap only what the consumer keeps, and the consumer
 * stops the read (by throwing) when it has had enough. Every other field is read
 * through without being built.
 *
 * <p>Thread-safety: immutable and thread-safe.
 */
public final class JsonStringStream {
  private final JsonFactory factory;
  private final int maxDepth;

  /**
   * Creates a reader.
   *
   * @param maxDepth deepest nesting, the root object counting as 1
   * @param maxString longest string (an entry, or any skipped string), in characters
   */
  public JsonStringStream(int maxDepth, int maxString) {
    this.maxDepth = maxDepth;
    this.factory = JsonFactories.create(maxDepth, Integer.MAX_VALUE, maxString);
  }

  /**
   * Reads a document whose root is an object, handing each string of {@code field} to {@code each}.
   *
   * @param in the document; read to its end, not closed
   * @param field the array field, e.g. {@code tags}
   * @param each called once per entry, in order; may throw to stop
   * @return whether the field was there (absent or {@code null} yields no entries)
   * @throws JsonReadException if the document is not such an object, or the field not an array of strings
   * @throws IOException if reading the stream fails
   */
  public boolean read(InputStream in, String field, Consumer<String> each) throws IOException {
    try (JsonParser parser = JsonFactories.parser(factory, in)) {
      JsonFactories.startRootObject(parser);
      JsonToken token;
      boolean seen = false;
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        boolean wanted = field.equals(parser.currentName());
        token = parser.nextToken();
        if (!wanted) {
          parser.skipChildren();
          continue;
        }
        if (seen) {
          throw JsonFactories.failure("duplicate key \"" + Texts.escape(field)
              + "\" (ambiguous: JSON readers disagree on which value wins)", parser.currentLocation(), null);
        }
        seen = true;
        if (token != JsonToken.VALUE_NULL) {
          entries(parser, field, token, each);
        }
      }
      if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
        throw JsonFactories.failure("unexpected content after the root object", parser.currentLocation(), null);
      }
      return seen;
    } catch (StreamConstraintsException e) {
      throw JsonFactories.failure(JsonFactories.constraintReason(e, maxDepth), e.getLocation(), e);
    } catch (JsonProcessingException e) {
      throw JsonFactories.failure(JsonFactories.reason(e), e.getLocation(), e);
    } catch (CharacterCodingException e) {
      throw new JsonReadException("the document is not valid UTF-8", -1, -1, e);
    }
  }

  private static void entries(JsonParser parser, String field, JsonToken first, Consumer<String> each)
      throws IOException {
    if (first != JsonToken.START_ARRAY) {
      throw JsonFactories.failure("\"" + Texts.escape(field) + "\" is not an array", parser.currentLocation(), null);
    }
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (token != JsonToken.VALUE_STRING) {
        throw JsonFactories.failure("\"" + Texts.escape(field) + "\" holds a non-string entry",
            parser.currentLocation(), null);
      }
      each.accept(parser.getText());
    }
  }
}
