package dev.ferry.internal.json;

/**
 * Stands for a container a {@link JsonShape} did not ask to keep, where the caller
 * still needs to know that something (and what kind of thing) was there.
 */
public enum JsonSkipped {
  /** An object that was read through, not kept. */
  OBJECT("an object"),
  /** An array that was read through, not kept. */
  ARRAY("an array");

  private final String description;

  JsonSkipped(String description) {
    this.description = description;
  }

  @Override
  public String toString() {
    return description;
  }
}
