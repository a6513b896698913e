package dev.ferry.internal.http;

import dev.ferry.FerryLimits;
import java.io.Closeable;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A response whose body is still on the connection. {@link #close()} returns the
 * connection to the pool (or discards it when the body was not read to the end
 * and is large); always close it.
 */
public interface Response extends Closeable {
  /** The HTTP status. */
  int status();

  /** The URI that answered (after redirects). */
  URI uri();

  /** The first header of that name, case-insensitive. */
  Optional<String> header(String name);

  /** Every header of that name, in order. */
  List<String> headers(String name);

  /** The Content-Length, when the server sent one. */
  OptionalLong contentLength();

  /** The body; empty for HEAD and bodiless statuses. Read it at most once. */
  InputStream body();

  /**
   * The body, for a response whose body is small (a manifest, a token answer, an error
   * body, a list page): reading it fails with {@link SmallBodies.DeadlineException} once the
   * transport's small-body timeout has passed since this call. Read it, or {@link #body()}, at
   * most once.
   */
  default InputStream smallBody() {
    return SmallBodies.withDeadline(body(), FerryLimits.SMALL_BODY_TIMEOUT, System::nanoTime);
  }

  /** Releases the connection; never throws. */
  @Override
  void close();
}
