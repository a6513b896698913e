package dev.ferry.registry;

import java.util.Objects;

/**
 * One entry of a registry's error body, {@code {"errors":[{"code","message","detail"}]}},
 * e.g. {@code MANIFEST_UNKNOWN}, {@code BLOB_UNKNOWN}, {@code DENIED}, {@code TOOMANYREQUESTS}.
 *
 * <p>Thread-safety: immutable.
 *
 * @param code the error code as the registry sent it, e.g. {@code MANIFEST_UNKNOWN}
 * @param message the registry's message, possibly empty
 * @param detail the {@code detail} value as compact JSON text, possibly empty
 * @since 0.1
 */
public record RegistryError(String code, String message, String detail) {
  /**
   * Validates the parts.
   *
   * @param code the error code
   * @param message the message
   * @param detail the detail as JSON text
   * @since 0.1
   */
  public RegistryError {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(detail, "detail");
  }
}
