package dev.ferry.internal.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes compact UTF-8 JSON in exactly the order the caller emits it: no
 * whitespace, no reordering, no trailing newline, so the same calls always give
 * the same bytes. Strings are escaped as jackson-core does by default (quote,
 * backslash and control characters; everything else is written as UTF-8).
 *
 * <p>Thread-safety: not thread-safe; one writer produces one document.
 */
public final class JsonWriter {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  private final ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
  private final JsonGenerator generator;

  /** Creates a writer for one document. */
  public JsonWriter() {
    try {
      this.generator = FACTORY.createGenerator(out, JsonEncoding.UTF8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts an object, as a value or as the root. */
  public JsonWriter beginObject() {
    return run(JsonGenerator::writeStartObject);
  }

  /** Ends the current object. */
  public JsonWriter endObject() {
    return run(JsonGenerator::writeEndObject);
  }

  /** Starts an array value. */
  public JsonWriter beginArray() {
    return run(JsonGenerator::writeStartArray);
  }

  /** Ends the current array. */
  public JsonWriter endArray() {
    return run(JsonGenerator::writeEndArray);
  }

  /** Writes a key; the next call writes its value. */
  public JsonWriter name(String name) {
    return run(g -> g.writeFieldName(name));
  }

  /** Writes a string value. */
  public JsonWriter value(String value) {
    return run(g -> g.writeString(value));
  }

  /** Writes an integer value. */
  public JsonWriter value(long value) {
    return run(g -> g.writeNumber(value));
  }

  /** Writes a key and a string value. */
  public JsonWriter field(String name, String value) {
    return name(name).value(value);
  }

  /** Writes a key and an integer value. */
  public JsonWriter field(String name, long value) {
    return name(name).value(value);
  }

  /**
   * Finishes the document.
   *
   * @return the bytes written
   * @throws IllegalStateException if objects or arrays are still open
   */
  public byte[] toBytes() {
    if (!generator.getOutputContext().inRoot()) {
      throw new IllegalStateException("the JSON document is not complete");
    }
    run(JsonGenerator::close);
    return out.toByteArray();
  }

  private JsonWriter run(Step step) {
    try {
      step.apply(generator);
      return this;
    } catch (IOException e) {
      // writing to memory cannot fail; what remains is a call out of order, a bug in the caller
      throw new IllegalStateException("JSON written out of order: " + e.getMessage(), e);
    }
  }

  @FunctionalInterface
  private interface Step {
    void apply(JsonGenerator generator) throws IOException;
  }
}
