package dev.ferry.internal.http;

import java.util.Objects;

/**
 * One request header.
 *
 * @param name the header name
 * @param value the value
 */
public record Header(String name, String value) {
  public Header {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
  }

  /** Never prints the value of credentials-bearing headers. */
  @Override
  public String toString() {
    return name + ": " + (name.equalsIgnoreCase("Authorization") || name.equalsIgnoreCase("Cookie")
        ? "<redacted>" : value);
  }
}
