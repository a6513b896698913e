package dev.ferry.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonStringStreamTest {
  private final JsonStringStream stream = new JsonStringStream(8, 16);

  private List<String> read(String json) throws IOException {
    List<String> out = new ArrayList<>();
    stream.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "tags", out::add);
    return out;
  }

  private JsonReadException failure(String json) {
    return catchThrowableOfType(JsonReadException.class, () -> read(json));
  }

  @Test
  void handsOverTheEntriesOfTheFieldInOrderAndSkipsOtherFields() throws IOException {
    assertThat(read("{\"name\":\"r\",\"x\":{\"tags\":[1]},\"tags\":[\"b\",\"a\"],\"y\":[]}"))
        .containsExactly("b", "a");
  }

  @Test
  void readsAnAbsentOrNullFieldAsNoEntries() throws IOException {
    assertThat(read("{\"name\":\"r\"}")).isEmpty();
    assertThat(read("{\"tags\":null}")).isEmpty();
  }

  @Test
  void stopsWhereTheConsumerThrows() {
    List<String> seen = new ArrayList<>();
    IllegalStateException e = catchThrowableOfType(IllegalStateException.class, () -> stream.read(
        new ByteArrayInputStream("{\"tags\":[\"a\",\"b\",\"c\"]}".getBytes(StandardCharsets.UTF_8)), "tags",
        tag -> {
          if (seen.size() == 2) {
            throw new IllegalStateException("enough");
          }
          seen.add(tag);
        }));

    assertThat(e).hasMessage("enough");
    assertThat(seen).containsExactly("a", "b");
  }

  @Test
  void refusesWhatIsNotAnArrayOfStrings() {
    assertThat(failure("{\"tags\":\"a\"}").reason()).isEqualTo("\"tags\" is not an array");
    assertThat(failure("{\"tags\":[\"a\",1]}").reason()).isEqualTo("\"tags\" holds a non-string entry");
  }

  @Test
  void refusesTheFieldTwice() {
    assertThat(failure("{\"tags\":[\"a\"],\"tags\":[\"b\"]}").reason()).startsWith("duplicate key \"tags\"");
  }

  @Test
  void refusesAnEntryLongerThanTheStringLimit() {
    assertThat(failure("{\"tags\":[\"" + "x".repeat(17) + "\"]}").reason()).startsWith("JSON limit exceeded");
  }

  @Test
  void refusesTruncatedAndTrailingContent() {
    assertThat(failure("{\"tags\":[\"a\"")).isNotNull();
    assertThat(failure("{\"tags\":[]} {}").reason()).startsWith("unexpected content after the root object");
  }

  @Test
  void refusesInvalidUtf8() {
    JsonReadException e = catchThrowableOfType(JsonReadException.class, () -> stream.read(
        new ByteArrayInputStream(new byte[] {'{', '"', 't', 'a', 'g', 's', '"', ':', '[', '"', (byte) 0xc3, '"',
            ']', '}'}), "tags", tag -> { }));

    assertThat(e.reason()).isEqualTo("the document is not valid UTF-8");
  }
}
