package dev.ferry.registry;

import dev.ferry.internal.http.Request;
import dev.ferry.internal.http.RetryStrategy;
import dev.ferry.internal.http.Urls;
import dev.ferry.manifest.Descriptor;
import dev.ferry.reference.ImageReference;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One blob upload, kept going through transient faults by the client's {@link RetryStrategy}.
 * Requests without a body (the POST, the session GET, the final empty PUT) are retried by the
 * transport itself. A request whose body is a one-shot stream (the monolithic PUT, a PATCH)
 * cannot be sent again as it was; when it fails and the strategy allows another attempt,
 * there are two answers: <em>resume</em> (streamed and chunked uploads: ask the session how
 * far it got, with {@code GET} on its location, and go on from there) or <em>restart</em>
 * (a monolithic upload, or a session the registry no longer knows: open a new session and
 * re-open the {@link BlobSource} from the start). Every attempt of the run counts against the
 * one policy. A run that ends in failure, or is interrupted, cancels its open session with
 * {@code DELETE}.
 *
 * <p>Not thread-safe: one run per upload, on the calling thread.
 */
final class UploadRun {
  private final BlobUploads uploads;
  private final ImageReference repository;
  private final Descriptor blob;
  private final BlobSource source;
  private final UploadMode mode;
  private final RetryStrategy retries;
  private final AtomicLong sent = new AtomicLong();
  private final Chunks chunks;
  private UploadSession session;
  /** Whether {@link #session} is open at the registry, to be cancelled if the run fails. */
  private boolean open = true;
  private boolean reauthorized;
  /** The {@code Retry-After} of the last refused one-shot request. */
  private Optional<String> retryAfter = Optional.empty();

  UploadRun(BlobUploads uploads, ImageReference repository, Descriptor blob, BlobSource source,
      BlobPushOptions options, UploadSession session) {
    this.uploads = uploads;
    this.repository = repository;
    this.blob = blob;
    this.source = source;
    this.mode = options.mode();
    this.retries = uploads.retries();
    this.session = session;
    long chunkSize = mode == UploadMode.CHUNKED ? Math.max(options.chunkSize(), session.minChunk()) : Long.MAX_VALUE;
    this.chunks = new Chunks(uploads, session, blob, source, chunkSize, sent::addAndGet, this::refused);
  }

  /** Uploads and commits the blob; returns the bytes sent, those of failed attempts included. */
  long run() {
    long offset = 0;
    try {
      for (int attempt = 1; ; attempt++) {
        Request oneShot = Request.of(mode == UploadMode.MONOLITHIC ? "PUT" : "PATCH", session.location());
        try {
          sendBody(offset);
        } catch (RuntimeException failure) {
          Optional<Duration> wait = retries.afterFailure(failure, retryAfter, attempt);
          if (wait.isEmpty() && reauthorizedMidBody(failure, attempt)) {
            wait = Optional.of(Duration.ZERO);
          }
          retryAfter = Optional.empty();
          if (wait.isEmpty()) {
            throw failure;
          }
          retries.pause(oneShot, session.context(), attempt, wait.get(), RetryStrategy.reason(failure));
          offset = resumeOrRestart();
          continue;
        }
        if (mode != UploadMode.MONOLITHIC) {
          // bodiless: the transport has retried it already
          uploads.commit(session, blob, null, sent::addAndGet, this::refused);
        }
        open = false;
        return sent.get();
      }
    } finally {
      chunks.discardSource();
      if (open) {
        uploads.cancel(session);
      }
    }
  }

  /**
   * A 401 on the one-shot body: the token expired mid-upload, and the auth layer, unable to send
   * the body again, has answered the challenge and holds the new authorization. Bad credentials
   * fail at the bodiless POST already, so one restart (if the policy has an attempt left) is worth it.
   */
  private boolean reauthorizedMidBody(RuntimeException failure, int attempt) {
    if (reauthorized || !(failure instanceof AuthenticationException auth) || auth.status() != 401
        || attempt >= retries.policy().maxAttempts() || Thread.currentThread().isInterrupted()) {
      return false;
    }
    reauthorized = true;
    return true;
  }

  private void refused(Optional<String> retryAfterHeader) {
    retryAfter = retryAfterHeader;
  }

  /** The one-shot part: the monolithic PUT (which also commits), or the PATCHes from {@code offset}. */
  private void sendBody(long offset) {
    if (mode == UploadMode.MONOLITHIC) {
      InputStream in = openSource();
      try {
        uploads.commit(session, blob, in, sent::addAndGet, this::refused);
      } finally {
        BlobUploads.closeQuietly(in);
      }
      return;
    }
    try {
      chunks.send(offset);
    } finally {
      session = chunks.session();
    }
  }

  /** Resumes where the session says it got to, or restarts in a new session; returns the offset to go on from. */
  private long resumeOrRestart() {
    if (mode != UploadMode.MONOLITHIC) {
      try {
        return uploads.offset(session);
      } catch (RegistryException gone) {
        // the registry dropped the session (or will not say): start over
      }
    }
    open = false;
    uploads.cancel(session);
    session = uploads.start(repository, session.context(), session.scopes());
    open = true;
    chunks.moveTo(session);
    return 0;
  }

  private InputStream openSource() {
    try {
      return source.open(0);
    } catch (IOException e) {
      throw new TransportException("could not read the blob " + blob.digest() + " to upload: " + e.getMessage(),
          session.context().registry(), session.context().repository(), "PUT", Urls.redact(session.location()), e);
    }
  }
}
