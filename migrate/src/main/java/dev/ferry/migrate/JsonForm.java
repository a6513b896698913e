package dev.ferry.migrate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The JSON form of plans and reports, for pipelines: one object with images, files and unresolved places. */
final class JsonForm {
  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonForm() {}

  static String write(String kind, boolean succeeded, List<ImageEntry> images, List<FileEntry> files,
      List<UnresolvedImage> unresolved, @Nullable Duration duration) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.useDefaultPrettyPrinter();
      json.writeStartObject();
      json.writeStringField("kind", kind);
      json.writeBooleanField("succeeded", succeeded);
      if (duration != null) {
        json.writeNumberField("durationMillis", duration.toMillis());
      }
      json.writeArrayFieldStart("images");
      for (ImageEntry image : images) {
        json.writeStartObject();
        json.writeStringField("source", image.source().toString());
        json.writeStringField("status", image.status().name());
        optional(json, "destination", image.destination().map(Object::toString).orElse(null));
        optional(json, "digest", image.digest().map(Object::toString).orElse(null));
        optional(json, "detail", image.detail().orElse(null));
        json.writeArrayFieldStart("uses");
        for (ImageUse use : image.uses()) {
          json.writeStartObject();
          place(json, use.file().toString(), use.line(), use.column(), use.text());
          json.writeStringField("place", use.place().name());
          json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeArrayFieldStart("files");
      for (FileEntry file : files) {
        json.writeStartObject();
        json.writeStringField("file", file.file().toString());
        json.writeStringField("status", file.status().name());
        optional(json, "detail", file.detail().orElse(null));
        json.writeArrayFieldStart("changes");
        for (LineChange change : file.changes()) {
          json.writeStartObject();
          json.writeNumberField("line", change.line());
          json.writeNumberField("column", change.column());
          json.writeStringField("before", change.before());
          json.writeStringField("after", change.after());
          json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeArrayFieldStart("unresolved");
      for (UnresolvedImage u : unresolved) {
        json.writeStartObject();
        place(json, u.file().toString(), u.line(), u.column(), u.text());
        json.writeStringField("place", u.place().name());
        json.writeStringField("reason", u.reason());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void place(JsonGenerator json, String file, int line, int column, String text) throws IOException {
    json.writeStringField("file", file);
    json.writeNumberField("line", line);
    json.writeNumberField("column", column);
    json.writeStringField("text", text);
  }

  private static void optional(JsonGenerator json, String name, @Nullable String value) throws IOException {
    if (value != null) {
      json.writeStringField(name, value);
    }
  }
}
