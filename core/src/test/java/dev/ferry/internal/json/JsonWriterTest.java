package dev.ferry.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
  @Test
  void writesCompactJsonInCallOrder() {
    byte[] bytes = new JsonWriter().beginObject()
        .field("z", "last-first").field("a", 7)
        .name("list").beginArray().value("x").value(-1).endArray()
        .name("o").beginObject().endObject()
        .endObject().toBytes();

    assertThat(new String(bytes, StandardCharsets.UTF_8))
        .isEqualTo("{\"z\":\"last-first\",\"a\":7,\"list\":[\"x\",-1],\"o\":{}}");
  }

  @Test
  void escapesQuotesBackslashesAndControlCharactersAndKeepsUtf8() {
    byte[] bytes = new JsonWriter().beginObject().field("k", "a\"b\\c\nd\u0001 \u00e9/").endObject().toBytes();

    assertThat(new String(bytes, StandardCharsets.UTF_8))
        .isEqualTo("{\"k\":\"a\\\"b\\\\c\\nd\\u0001 \u00e9/\"}");
  }

  @Test
  void writesTheSameBytesForTheSameCalls() {
    assertThat(sample()).isEqualTo(sample());
  }

  @Test
  void refusesToFinishAnIncompleteDocument() {
    JsonWriter writer = new JsonWriter().beginObject();

    assertThatThrownBy(writer::toBytes).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void refusesAValueWithoutAName() {
    JsonWriter writer = new JsonWriter().beginObject();

    assertThatThrownBy(() -> writer.value("x")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void writesWhatTheReaderReadsBack() {
    assertThat(new JsonReader(8, 1024).readObject(sample())).containsEntry("n", 1L).containsEntry("s", "v");
  }

  private static byte[] sample() {
    return new JsonWriter().beginObject().field("n", 1).field("s", "v").endObject().toBytes();
  }
}
