package dev.ferry.internal.http;

import dev.ferry.registry.RegistryError;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the secrets a client holds out of the text it puts into exceptions: a registry, a
 * token server or a proxy in front of them may echo what it was sent. Implementations are
 * thread-safe.
 */
@FunctionalInterface
public interface Scrubber {
  /** Leaves every text as it is: for callers that hold no secrets. */
  Scrubber NONE = text -> text;

  /**
   * The text, or a placeholder in its place when it contains a secret (in any form the
   * implementation knows, such as base64).
   *
   * @param text text that came from a server
   * @return the text, or a placeholder that says a credential was withheld
   */
  String scrub(String text);

  /** Every field of every entry scrubbed. */
  default List<RegistryError> scrub(List<RegistryError> errors) {
    List<RegistryError> safe = new ArrayList<>(errors.size());
    for (RegistryError e : errors) {
      safe.add(new RegistryError(scrub(e.code()), scrub(e.message()), scrub(e.detail())));
    }
    return List.copyOf(safe);
  }
}
