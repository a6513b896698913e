package dev.ferry.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReaderTest {
  private final JsonReader reader = new JsonReader(8, 1024);

  private static byte[] utf8(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private JsonReadException failure(String json) {
    return failure(utf8(json));
  }

  private JsonReadException failure(byte[] json) {
    try {
      reader.readObject(json);
    } catch (JsonReadException e) {
      return e;
    }
    throw new AssertionError("expected a JsonReadException");
  }

  @Test
  void readsEveryValueKindIntoPlainJavaValues() {
    Map<String, Object> root = reader.readObject(utf8(
        "{\"s\":\"x\",\"i\":42,\"big\":123456789012345678901234567890,\"f\":1.5,"
            + "\"t\":true,\"n\":null,\"a\":[1,\"two\"],\"o\":{\"k\":\"v\"}}"));

    assertThat(root).containsEntry("s", "x").containsEntry("i", 42L)
        .containsEntry("big", new BigInteger("123456789012345678901234567890"))
        .containsEntry("f", 1.5).containsEntry("t", true).containsEntry("n", JsonNull.NULL)
        .containsEntry("a", List.of(1L, "two")).containsEntry("o", Map.of("k", "v"));
  }

  @Test
  void keepsKeyOrderAsWritten() {
    Map<String, Object> root = reader.readObject(utf8("{\"z\":1,\"a\":2,\"m\":3}"));

    assertThat(root.keySet()).containsExactly("z", "a", "m");
  }

  @Test
  void returnsUnmodifiableCollections() {
    Map<String, Object> root = reader.readObject(utf8("{\"a\":[1]}"));

    assertThatThrownBy(() -> root.put("b", 1)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> ((List<?>) root.get("a")).clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void refusesDuplicateKeys() {
    assertThat(failure("{\"a\":1,\"a\":2}").reason()).containsIgnoringCase("duplicate").contains("a");
  }

  @Test
  void refusesDuplicateKeysInNestedObjects() {
    assertThat(failure("{\"o\":{\"k\":1,\"k\":1}}").reason()).containsIgnoringCase("duplicate");
  }

  @Test
  void acceptsNestingUpToTheLimit() {
    // root object plus 7 arrays = depth 8
    assertThat(reader.readObject(utf8("{\"a\":[[[[[[[1]]]]]]]}"))).containsKey("a");
  }

  @Test
  void refusesNestingBeyondTheLimit() {
    assertThat(failure("{\"a\":[[[[[[[[1]]]]]]]]}").reason()).isEqualTo("JSON nested deeper than 8 levels");
  }

  @Test
  void refusesVeryDeepNestingQuicklyWithoutStackOverflow() {
    String deep = "{\"a\":" + "[".repeat(100_000);
    JsonReader big = new JsonReader(64, 1_000_000);

    assertThatThrownBy(() -> big.readObject(utf8(deep)))
        .isInstanceOf(JsonReadException.class).hasMessageContaining("nested deeper than 64 levels");
  }

  @Test
  void refusesRootsThatAreNotObjects() {
    assertThat(failure("[1,2]").reason()).isEqualTo("the root must be a JSON object, found an array");
    assertThat(failure("\"s\"").reason()).isEqualTo("the root must be a JSON object, found a string");
    assertThat(failure("42").reason()).isEqualTo("the root must be a JSON object, found a number");
    assertThat(failure("null").reason()).isEqualTo("the root must be a JSON object, found null");
  }

  @Test
  void refusesAnEmptyDocument() {
    assertThat(failure("").reason()).isEqualTo("the document is empty");
    assertThat(failure("  \n ").reason()).isEqualTo("the document is empty");
  }

  @Test
  void refusesContentAfterTheRootObject() {
    assertThat(failure("{\"a\":1}{\"b\":2}").reason()).startsWith("unexpected content after the root object");
    assertThat(failure("{\"a\":1} 7").reason()).startsWith("unexpected content after the root object");
  }

  @Test
  void refusesGarbageAfterTheRootObject() {
    JsonReadException e = failure("{\"a\":1}xyz");

    assertThat(e.line()).isEqualTo(1);
    assertThat(e.getMessage()).contains("line 1");
  }

  @Test
  void acceptsTrailingWhitespace() {
    assertThat(reader.readObject(utf8("{\"a\":1}\n\t \r\n"))).containsEntry("a", 1L);
  }

  @Test
  void refusesAUtf8ByteOrderMark() {
    byte[] json = new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, '{', '}'};

    assertThat(failure(json).reason()).contains("byte order mark");
  }

  @Test
  void refusesUtf16EvenWithoutAByteOrderMark() {
    byte[] json = "{\"a\":1}".getBytes(StandardCharsets.UTF_16LE);

    assertThat(failure(json).reason()).contains("NUL byte at offset 1");
  }

  @Test
  void refusesUtf16ByteOrderMarks() {
    assertThat(failure(new byte[] {(byte) 0xfe, (byte) 0xff, 0, '{'}).reason()).contains("byte order mark");
    assertThat(failure(new byte[] {(byte) 0xff, (byte) 0xfe, '{', 0}).reason()).contains("byte order mark");
  }

  @Test
  void refusesDocumentsLargerThanTheLimit() {
    byte[] json = utf8("{\"a\":\"" + "x".repeat(1100) + "\"}");

    assertThat(failure(json).reason()).isEqualTo("the document is 1108 bytes, more than the limit of 1024");
  }

  @Test
  void refusesMalformedJsonWithItsLocation() {
    JsonReadException e = failure("{\n  \"a\": 1,\n  \"b\": }");

    assertThat(e.line()).isEqualTo(3);
    assertThat(e.column()).isPositive();
    assertThat(e.getCause()).isNotNull();
  }

  @Test
  void refusesJsonExtensionsJacksonCouldAllow() {
    failure("{'a':1}");
    failure("{\"a\":1,}");
    failure("{\"a\":NaN}");
    failure("{\"a\":01}");
    failure("{/* c */\"a\":1}");
    failure("{\"a\":\"tab\there\"}");
  }

  @Test
  void refusesTruncatedDocuments() {
    failure("{\"a\":[1,2");
    failure("{\"a\":\"unterminated");
    failure("{");
  }

  @Test
  void keepsControlCharactersOutOfMessages() {
    JsonReadException e = failure("{\"a\":\u0001}");

    assertThat(e.getMessage()).doesNotContain("\u0001");
  }

  @Test
  void readsNonAsciiStrings() {
    assertThat(reader.readObject(utf8("{\"k\":\"h\u00e9llo \u2603 \\u00e9\"}"))).containsEntry("k", "h\u00e9llo \u2603 \u00e9");
  }

  @Test
  void refusesInvalidUtf8() {
    failure(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xc3, '"', '}'});
  }
}
