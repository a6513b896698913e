package dev.ferry.registry;

import dev.ferry.internal.http.Request;
import dev.ferry.internal.http.RequestBody;
import dev.ferry.internal.http.Response;
import dev.ferry.internal.http.Urls;
import dev.ferry.manifest.Descriptor;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Sends a blob's bytes with {@code PATCH}: in one streamed request, or in chunks
 * with {@code Content-Range}. When a connection fails mid-way it asks the
 * registry how much it has (GET on the session) and continues from there,
 * reopening the source at that offset.
 */
final class Chunks {
  private final BlobUploads uploads;
  private final Descriptor blob;
  private final BlobSource source;
  private final long chunkSize;
  private final AtomicLong sent;
  private UploadSession session;
  private @Nullable InputStream in;
  private long inPosition;

  Chunks(BlobUploads uploads, UploadSession session, Descriptor blob, BlobSource source, long chunkSize,
      AtomicLong sent) {
    this.uploads = uploads;
    this.session = session;
    this.blob = blob;
    this.source = source;
    this.chunkSize = chunkSize;
    this.sent = sent;
  }

  /** Sends every byte and returns the session to commit with {@code PUT ?digest=}. */
  UploadSession send() {
    long offset = 0;
    int resumes = 0;
    try {
      while (offset < blob.size()) {
        long length = Math.min(chunkSize, blob.size() - offset);
        try {
          patch(offset, length);
          offset += length;
        } catch (TransportException | RegistryResponseException failed) {
          // a dropped connection, or a passing refusal of a chunk whose body cannot be sent twice:
          // ask the registry how far it got and go on from there
          if (!resumable(failed) || ++resumes > BlobUploads.MAX_RESUMES) {
            throw failed;
          }
          BlobUploads.closeQuietly(in);
          in = null;
          pause(resumes);
          offset = uploads.offset(session);
        }
      }
      requireSourceEnd();
      return session;
    } finally {
      BlobUploads.closeQuietly(in);
    }
  }

  private void patch(long offset, long length) {
    InputStream body = sourceAt(offset);
    Request request = Request.of("PATCH", session.location());
    if (chunkSize != Long.MAX_VALUE || offset > 0) {
      // a streamed upload that resumed continues with ranges, as the spec's chunked mode does
      request = request.header("Content-Range", offset + "-" + (offset + length - 1));
    }
    request = request.withMethod("PATCH",
        RequestBody.streaming(body, length, "application/octet-stream", sent::addAndGet, false));
    Response response = uploads.send(session, request);
    inPosition = offset + length;
    if (response.status() != 202 && response.status() != 204) {
      throw uploads.failure(request, response, session.context());
    }
    try (response) {
      String location = response.header("Location").orElse(null);
      if (location != null) {
        session = uploads.moved(session, request, location);
      }
      long acknowledged = UploadSession.nextOffset(response.header("Range"));
      if (response.header("Range").isPresent() && acknowledged != offset + length) {
        throw new RegistryProtocolException("the registry acknowledged " + acknowledged + " bytes after a chunk"
            + " ending at " + (offset + length), session.context().registry(), session.context().repository(),
            "PATCH", Urls.redact(request.uri()));
      }
    }
  }

  private static boolean resumable(RegistryException failure) {
    if (failure instanceof RegistryResponseException response && !(failure instanceof AuthenticationException)) {
      int status = response.status();
      return status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
    }
    return failure instanceof TransportException;
  }

  /** A short, growing pause before asking again, so a registry under load gets a breath. */
  private static void pause(int resumes) {
    try {
      Thread.sleep(Math.min(1000L, 50L << Math.min(resumes, 5)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.util.concurrent.CancellationException("the upload was interrupted");
    }
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
      BlobUploads.closeQuietly(in);
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
