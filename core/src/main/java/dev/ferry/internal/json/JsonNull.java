package dev.ferry.internal.json;

/** The JSON {@code null} literal in a tree read by {@link JsonReader}; trees never hold Java nulls. */
public enum JsonNull {
  /** The only instance. */
  NULL;

  @Override
  public String toString() {
    return "null";
  }
}
