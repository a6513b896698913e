package dev.ferry.registry;

import dev.ferry.internal.http.Request;
import dev.ferry.internal.http.RequestBody;
import dev.ferry.internal.http.Response;
import dev.ferry.internal.http.Urls;
import dev.ferry.manifest.Descriptor;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Sends a blob's bytes with {@code PATCH}: in one streamed request, or in chunks with
 * {@code Content-Range}, from any offset, reading the source from there. A failure is
 * thrown as it is; {@link UploadRun} decides whether to resume or restart.
 */
final class Chunks {
  private final BlobUploads uploads;
  private final Descriptor blob;
  private final BlobSource source;
  private final long chunkSize;
  private final LongConsumer progress;
  private final Consumer<Optional<String>> refused;
  private UploadSession session;
  private @Nullable InputStream in;
  private long inPosition;

  Chunks(BlobUploads uploads, UploadSession session, Descriptor blob, BlobSource source, long chunkSize,
      LongConsumer progress, Consumer<Optional<String>> refused) {
    this.uploads = uploads;
    this.session = session;
    this.blob = blob;
    this.source = source;
    this.chunkSize = chunkSize;
    this.progress = progress;
    this.refused = refused;
  }

  /** The session as the registry last named it (a PATCH answer may move it). */
  UploadSession session() {
    return session;
  }

  /** Continues in another session (a restarted upload); the source is re-opened at the next send. */
  void moveTo(UploadSession next) {
    discardSource();
    session = next;
  }

  /** Sends every byte from {@code offset} on; then the session can be committed. */
  void send(long offset) {
    if (offset > blob.size()) {
      throw new RegistryProtocolException("the registry reports " + offset + " bytes of a " + blob.size()
          + "-byte blob", session.context().registry(), session.context().repository(), "GET",
          Urls.redact(session.location()));
    }
    try {
      long at = offset;
      while (at < blob.size()) {
        long length = Math.min(chunkSize, blob.size() - at);
        patch(at, length);
        at += length;
      }
      requireSourceEnd();
    } catch (RuntimeException | Error e) {
      // a failed request consumed an unknown part of the stream: the next send re-opens it
      discardSource();
      throw e;
    }
  }

  void discardSource() {
    BlobUploads.closeQuietly(in);
    in = null;
  }

  private void patch(long offset, long length) {
    InputStream body = sourceAt(offset);
    Request request = Request.of("PATCH", session.location());
    if (chunkSize != Long.MAX_VALUE || offset > 0) {
      // a streamed upload that resumed continues with ranges, as the spec's chunked mode does
      request = request.header("Content-Range", offset + "-" + (offset + length - 1));
    }
    // the whole blob in one PATCH goes chunked, as docker push sends it, so that a failing source
    // (or a cancelled copy) ends the request cleanly and the session stays addressable to cancel it
    StoppableBody stoppable = chunkSize == Long.MAX_VALUE && offset == 0 ? new StoppableBody(body, length, progress)
        : null;
    request = request.withMethod("PATCH", stoppable != null ? stoppable
        : RequestBody.streaming(body, length, "application/octet-stream", progress, false));
    inPosition = -1;
    Response response = uploads.send(session, request);
    inPosition = offset + length;
    if (response.status() != 202 && response.status() != 204) {
      refused.accept(response.header("Retry-After"));
      RegistryException refusal = uploads.failure(request, response, session.context());
      if (stoppable != null && stoppable.failure() != null) {
        throw sourceFailure(stoppable.failure(), offset);
      }
      throw refusal;
    }
    try (response) {
      String location = response.header("Location").orElse(null);
      if (location != null) {
        session = uploads.moved(session, request, location);
      }
      if (stoppable != null && stoppable.failure() != null) {
        throw sourceFailure(stoppable.failure(), offset);
      }
      long acknowledged = UploadSession.nextOffset(response.header("Range"));
      if (response.header("Range").isPresent() && acknowledged != offset + length) {
        throw new RegistryProtocolException("the registry acknowledged " + acknowledged + " bytes after a chunk"
            + " ending at " + (offset + length), session.context().registry(), session.context().repository(),
            "PATCH", Urls.redact(request.uri()));
      }
    }
  }

  /** The failure of a source that stopped a clean-ending body, as the caller would have seen it. */
  private RuntimeException sourceFailure(Exception failure, long offset) {
    if (failure instanceof RuntimeException unchecked) {
      return unchecked;
    }
    return new TransportException("could not read the blob " + blob.digest() + " from offset " + offset + ": "
        + failure.getMessage(), session.context().registry(), session.context().repository(), "PATCH",
        Urls.redact(session.location()), (IOException) failure);
  }

  /**
   * Reads the source's end before the upload is committed: a verifying source (a
   * blob from another registry) checks its digest there, so bad bytes never commit.
   */
  private void requireSourceEnd() {
    InputStream end = sourceAt(blob.size());
    try {
      if (end.read() >= 0) {
        throw new TransportException("the source of blob " + blob.digest() + " is longer than " + blob.size()
            + " bytes", session.context().registry(), session.context().repository(), "PATCH",
            Urls.redact(session.location()), new IOException("source longer than the blob's size"));
      }
    } catch (IOException e) {
      throw new TransportException("could not read the end of blob " + blob.digest() + ": " + e.getMessage(),
          session.context().registry(), session.context().repository(), "PATCH", Urls.redact(session.location()), e);
    }
  }

  private InputStream sourceAt(long offset) {
    try {
      if (in != null && inPosition == offset) {
        return in;
      }
      discardSource();
      in = source.open(offset);
      inPosition = offset;
      return in;
    } catch (IOException e) {
      throw new TransportException("could not read the blob " + blob.digest() + " at offset " + offset + ": "
          + e.getMessage(), session.context().registry(), session.context().repository(), "PATCH",
          Urls.redact(session.location()), e);
    }
  }
}
