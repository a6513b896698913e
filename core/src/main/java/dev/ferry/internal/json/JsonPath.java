package dev.ferry.internal.json;

import org.jspecify.annotations.Nullable;

/** Where a value sits in a document, as errors name it: {@code layers[2].annotations}. Built only on the way down. */
final class JsonPath {
  static final JsonPath ROOT = new JsonPath(null, "", -1);

  private final @Nullable JsonPath parent;
  private final String key;
  private final int index;

  private JsonPath(@Nullable JsonPath parent, String key, int index) {
    this.parent = parent;
    this.key = key;
    this.index = index;
  }

  JsonPath key(String name) {
    return new JsonPath(this, name, -1);
  }

  JsonPath index(int i) {
    return new JsonPath(this, "", i);
  }

  @Override
  public String toString() {
    if (parent == null) {
      return "the root object";
    }
    StringBuilder sb = new StringBuilder();
    append(sb);
    return sb.toString();
  }

  private void append(StringBuilder sb) {
    if (parent == null) {
      return;
    }
    parent.append(sb);
    if (index >= 0) {
      sb.append('[').append(index).append(']');
    } else {
      sb.append(sb.length() == 0 ? "" : ".").append(dev.ferry.internal.Texts.escape(key));
    }
  }
}
