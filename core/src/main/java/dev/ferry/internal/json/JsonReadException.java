package dev.ferry.internal.json;

import org.jspecify.annotations.Nullable;

/**
 * Input that is not acceptable JSON, or breaks one of the reader's limits. Callers
 * translate it into the typed Ferry exception of their domain; it never leaves the library.
 *
 * <p>Thread-safety: immutable once thrown.
 */
public class JsonReadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String reason;
  private final int line;
  private final int column;

  JsonReadException(String reason, int line, int column, @Nullable Throwable cause) {
    super(line > 0 ? reason + " (line " + line + ", column " + column + ")" : reason, cause);
    this.reason = reason;
    this.line = line;
    this.column = column;
  }

  JsonReadException(String reason) {
    super(reason);
    this.reason = reason;
    this.line = -1;
    this.column = -1;
  }

  /** What is wrong, without the location. */
  public String reason() {
    return reason;
  }

  /** The 1-based line where reading stopped, or -1 when not known. */
  public int line() {
    return line;
  }

  /** The 1-based column where reading stopped, or -1 when not known. */
  public int column() {
    return column;
  }
}
