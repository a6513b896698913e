package dev.ferry.internal.json;

/**
 * Well-formed JSON that holds more than a reader keeps: more values than its budget, or
 * more entries in a collection than its shape allows. The reason names the place and the limit.
 *
 * <p>Thread-safety: immutable once thrown.
 */
public final class JsonLimitException extends JsonReadException {
  private static final long serialVersionUID = 1L;

  JsonLimitException(String reason) {
    super(reason);
  }
}
