package dev.ferry.internal.json;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link JsonReader} keeps of a document. Whatever a shape does not name is
 * read through (its syntax, depth and size are still checked) without building it,
 * so a hostile document of a million empty objects in an unknown field costs no
 * heap. Collections a shape keeps carry a count limit, enforced while reading.
 *
 * <p>Where the document holds a container the shape does not expect (an array where
 * an object is wanted, an object where a string is wanted), the reader keeps a
 * {@link JsonSkipped} marker instead, so the caller can still say what it found.
 *
 * <p>Thread-safety: immutable.
 */
public final class JsonShape {
  enum Kind { ANY, SCALAR, OBJECT, MAP, ARRAY }

  private static final JsonShape ANY = new JsonShape(Kind.ANY, Map.of(), null, Integer.MAX_VALUE, "");
  private static final JsonShape SCALAR = new JsonShape(Kind.SCALAR, Map.of(), null, 0, "");

  final Kind kind;
  final Map<String, JsonShape> fields;
  final @Nullable JsonShape element;
  final int maxEntries;
  final String limitName;

  private JsonShape(Kind kind, Map<String, JsonShape> fields, @Nullable JsonShape element, int maxEntries,
      String limitName) {
    this.kind = kind;
    this.fields = fields;
    this.element = element;
    this.maxEntries = maxEntries;
    this.limitName = limitName;
  }

  /** Keeps the value whole, whatever it is. */
  public static JsonShape any() {
    return ANY;
  }

  /** Keeps a string, number, boolean or null; a container is marked, not kept. */
  public static JsonShape scalar() {
    return SCALAR;
  }

  /** An object of which only the named fields are kept, each in its own shape; other fields are skipped. */
  public static JsonShape object(Map<String, JsonShape> fields) {
    return new JsonShape(Kind.OBJECT, Map.copyOf(fields), null, Integer.MAX_VALUE, "");
  }

  /**
   * An object with any keys, each value in the given shape, with at most {@code maxEntries} keys.
   *
   * @param limitName how the limit is named in the error, e.g. {@code FerryLimits.MAX_ANNOTATIONS}
   */
  public static JsonShape map(JsonShape values, int maxEntries, String limitName) {
    return new JsonShape(Kind.MAP, Map.of(), Objects.requireNonNull(values, "values"), maxEntries, limitName);
  }

  /**
   * An array of values in the given shape, with at most {@code maxEntries} of them.
   *
   * @param limitName how the limit is named in the error, e.g. {@code FerryLimits.MAX_MANIFEST_LAYERS}
   */
  public static JsonShape array(JsonShape elements, int maxEntries, String limitName) {
    return new JsonShape(Kind.ARRAY, Map.of(), Objects.requireNonNull(elements, "elements"), maxEntries,
        limitName);
  }

  /** The shape of a field of an object shape; {@code null} when the field is skipped. */
  @Nullable JsonShape field(String name) {
    return kind == Kind.ANY ? ANY : kind == Kind.MAP ? element : fields.get(name);
  }

  /** The shape of an array's elements. */
  JsonShape element() {
    return kind == Kind.ANY || element == null ? ANY : element;
  }

  boolean keepsObject() {
    return kind == Kind.ANY || kind == Kind.OBJECT || kind == Kind.MAP;
  }

  boolean keepsArray() {
    return kind == Kind.ANY || kind == Kind.ARRAY;
  }
}
