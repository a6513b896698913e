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
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The parser settings and the failure wording the readers of this package share. */
final class JsonFactories {
  private static final Pattern START_MARKER = Pattern.compile("\\s*\\(start marker at \\[[^\\]]*\\][^)]*\\)");

  private JsonFactories() {}

  /**
   * A factory with hard limits. Field names are not canonicalized (interned into a symbol
   * table) and duplicates are not tracked by the parser: both would keep every key of a
   * skipped object with hundreds of thousands of keys; the readers detect duplicates in
   * what they keep.
   */
  static JsonFactory create(int maxDepth, int maxBytes, int maxString) {
    return JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(maxDepth)
            .maxDocumentLength(maxBytes)
            .maxStringLength(maxString)
            .maxNameLength(Math.min(maxString, 64 * 1024))
            .build())
        .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
        .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .build();
  }

  /**
   * A parser over UTF-8 bytes, decoded strictly by the JDK: with canonicalization off,
   * Jackson reads bytes through its own lenient reader, which lets malformed UTF-8 through.
   */
  static JsonParser parser(JsonFactory factory, InputStream in) throws IOException {
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    return factory.createParser(new InputStreamReader(in, utf8));
  }

  /** Reads the first token, which must open the root object: an empty document or another root is refused. */
  static void startRootObject(JsonParser parser) throws IOException {
    JsonToken first = parser.nextToken();
    if (first == null) {
      throw new JsonReadException("the document is empty");
    }
    if (first != JsonToken.START_OBJECT) {
      throw failure("the root must be a JSON object, found " + describe(first), parser.currentLocation(), null);
    }
  }

  static String reason(JsonProcessingException e) {
    String message = String.valueOf(e.getOriginalMessage());
    // Jackson points back at where an unclosed value started, in its own location syntax; we add ours
    return Texts.escape(START_MARKER.matcher(message).replaceAll(""));
  }

  static String constraintReason(StreamConstraintsException e, int maxDepth) {
    String message = String.valueOf(e.getOriginalMessage());
    if (message.contains("nesting depth")) {
      return "JSON nested deeper than " + maxDepth + " levels";
    }
    return "JSON limit exceeded: " + Texts.escape(message);
  }

  static JsonReadException failure(String reason, @Nullable JsonLocation location, @Nullable Throwable cause) {
    int line = location == null ? -1 : location.getLineNr();
    int column = location == null ? -1 : location.getColumnNr();
    return new JsonReadException(reason, line, column, cause);
  }

  static String describe(JsonToken token) {
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
