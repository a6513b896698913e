package dev.ferry.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a shape keeps, what it skips without building, and the limits it enforces while reading. */
class JsonShapeTest {
  private static final JsonShape SHAPE = JsonShape.object(Map.of(
      "name", JsonShape.scalar(),
      "tags", JsonShape.array(JsonShape.scalar(), 3, "TAG_LIMIT"),
      "labels", JsonShape.map(JsonShape.scalar(), 2, "LABEL_LIMIT")));
  private final JsonReader reader = new JsonReader(8, 1024, 10, "VALUE_LIMIT");

  private static byte[] utf8(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void keepsTheNamedFieldsAndSkipsTheRest() {
    Map<String, Object> root = reader.readObject(utf8(
        "{\"name\":\"a\",\"x\":{\"deep\":[1,2,{\"k\":true}]},\"tags\":[\"1\"],\"y\":[[],[],[]]}"), SHAPE);

    assertThat(root).containsOnlyKeys("name", "tags").containsEntry("name", "a")
        .containsEntry("tags", List.of("1"));
  }

  @Test
  void skippedValuesDoNotCountAgainstTheValueBudget() {
    String many = "[" + "{},".repeat(100) + "{}]";

    assertThat(reader.readObject(utf8("{\"x\":" + many + ",\"name\":\"a\"}"), SHAPE)).containsOnlyKeys("name");
  }

  @Test
  void marksAContainerWhereTheShapeWantsAScalar() {
    Map<String, Object> root = reader.readObject(utf8("{\"name\":{\"a\":1},\"labels\":[1]}"), SHAPE);

    assertThat(root).containsEntry("name", JsonSkipped.OBJECT).containsEntry("labels", JsonSkipped.ARRAY);
    assertThat(JsonSkipped.OBJECT).hasToString("an object");
  }

  @Test
  void stillRefusesMalformedJsonInsideWhatItSkips() {
    JsonReadException e = catchThrowableOfType(JsonReadException.class,
        () -> reader.readObject(utf8("{\"x\":{\"a\":[1,}}"), SHAPE));

    assertThat(e).isNotInstanceOf(JsonLimitException.class);
  }

  @Test
  void refusesAnArrayLongerThanItsShapeAllowsNamingThePathAndTheLimit() {
    JsonLimitException e = catchThrowableOfType(JsonLimitException.class,
        () -> reader.readObject(utf8("{\"tags\":[\"1\",\"2\",\"3\",\"4\"]}"), SHAPE));

    assertThat(e.reason()).isEqualTo("tags has more than 3 entries (TAG_LIMIT)");
  }

  @Test
  void refusesAMapWithMoreKeysThanItsShapeAllows() {
    JsonLimitException e = catchThrowableOfType(JsonLimitException.class,
        () -> reader.readObject(utf8("{\"labels\":{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\"}}"), SHAPE));

    assertThat(e.reason()).isEqualTo("labels has more than 2 entries (LABEL_LIMIT)");
  }

  @Test
  void refusesMoreKeptValuesThanTheBudget() {
    JsonLimitException e = catchThrowableOfType(JsonLimitException.class,
        () -> reader.readObject(utf8("{\"a\":[1,2,3,4,5,6,7,8,9,10]}")));

    assertThat(e.reason()).isEqualTo("the document has more than 10 values (VALUE_LIMIT)");
  }

  @Test
  void refusesDuplicatesOfAKeptKeyButNotOfASkippedOne() {
    assertThat(reader.readObject(utf8("{\"x\":1,\"x\":2,\"name\":\"a\"}"), SHAPE)).containsOnlyKeys("name");

    JsonReadException e = catchThrowableOfType(JsonReadException.class,
        () -> reader.readObject(utf8("{\"name\":\"a\",\"name\":\"b\"}"), SHAPE));

    assertThat(e.reason()).startsWith("duplicate key \"name\"");
  }
}
