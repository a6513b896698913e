package dev.ferry.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A request body the transport streams to the socket. */
public interface RequestBody {
  /** The Content-Type, or null to send none. */
  @Nullable String contentType();

  /** The exact length, or -1 to send chunked. */
  long contentLength();

  /** Whether {@link #writeTo} may be called more than once (for retries and re-authentication). */
  boolean isReplayable();

  /** Writes the whole body. */
  void writeTo(OutputStream out) throws IOException;

  /** Whether the body holds a secret, so that no redirect may carry it to another origin. */
  default boolean carriesCredentials() {
    return false;
  }

  /** A replayable body of bytes held in memory (manifests, small JSON). */
  static RequestBody of(byte[] bytes, @Nullable String contentType) {
    return inMemory(bytes, contentType, false);
  }

  /** Like {@link #of}, for a body that holds a secret (an OAuth2 form with a password or refresh token). */
  static RequestBody credentials(byte[] bytes, String contentType) {
    return inMemory(bytes, contentType, true);
  }

  private static RequestBody inMemory(byte[] bytes, @Nullable String contentType, boolean secret) {
    Objects.requireNonNull(bytes, "bytes");
    return new RequestBody() {
      @Override
      public @Nullable String contentType() {
        return contentType;
      }

      @Override
      public long contentLength() {
        return bytes.length;
      }

      @Override
      public boolean isReplayable() {
        return true;
      }

      @Override
      public void writeTo(OutputStream out) throws IOException {
        out.write(bytes);
      }

      @Override
      public boolean carriesCredentials() {
        return secret;
      }
    };
  }

  /**
   * A one-shot body streamed from a source (a blob coming from another registry):
   * copied through a fixed buffer, never held whole. Not replayable.
   *
   * @param length the exact length (the source must deliver it), or -1 to send chunked until it ends
   */
  static RequestBody streaming(InputStream source, long length, @Nullable String contentType) {
    Objects.requireNonNull(source, "source");
    return new StreamingBody(source, length, contentType, bytes -> { }, true);
  }

  /**
   * A slice of a source: the next {@code length} bytes, reporting each slice written
   * to {@code progress}. With {@code toEnd}, the source must end right after them
   * (its end is read, so a verifying source checks its digest before the body is done).
   */
  static RequestBody streaming(InputStream source, long length, @Nullable String contentType,
      java.util.function.LongConsumer progress, boolean toEnd) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(progress, "progress");
    return new StreamingBody(source, length, contentType, progress, toEnd);
  }
}
