package dev.ferry.internal.http;

import java.io.IOException;

/**
 * The request body failed on its own side (its source stream broke, or it wrote a
 * different number of bytes than it declared), not the connection it was written to.
 * Never retried: the connection is not the problem.
 */
final class RequestBodyException extends IOException {
  private static final long serialVersionUID = 1L;

  RequestBodyException(String message, Throwable cause) {
    super(message, cause);
  }

  RequestBodyException(String message) {
    super(message);
  }
}
