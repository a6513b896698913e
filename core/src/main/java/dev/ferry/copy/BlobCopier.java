package dev.ferry.copy;

import dev.ferry.manifest.Descriptor;
import dev.ferry.reference.DigestMismatchException;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.BlobPushOptions;
import dev.ferry.registry.BlobPushResult;
import dev.ferry.registry.BlobSource;
import dev.ferry.registry.RegistryClient;
import dev.ferry.registry.UploadMode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/** Moves one blob to one destination repository: skip, mount, or stream it across. */
final class BlobCopier {
  private static final long PROGRESS_STEP = 1024 * 1024;
  /**
   * Blobs up to this size go up in one PUT after the POST (one round trip fewer);
   * larger ones are streamed with PATCH so that a dropped connection resumes.
   */
  static final long MONOLITHIC_LIMIT = 32L * 1024 * 1024;

  private final RegistryClient client;
  private final CopyListener listener;
  private final Transfers transfers;
  private final @Nullable BlobLedger ledger;
  final AtomicLong bytes = new AtomicLong();
  final AtomicInteger copied = new AtomicInteger();
  final AtomicInteger skipped = new AtomicInteger();
  final AtomicInteger mounted = new AtomicInteger();

  BlobCopier(RegistryClient client, CopyListener listener, Transfers transfers, @Nullable BlobLedger ledger) {
    this.client = client;
    this.listener = listener;
    this.transfers = transfers;
    this.ledger = ledger;
  }

  /** Whether the destination repository holds the blob already (HEAD): the plan's skip. */
  boolean present(ImageReference destination, Descriptor blob) {
    transfers.checkNotCancelled();
    return client.headBlob(destination, blob.digest()).isPresent();
  }

  /** Whether a blob the destination lacks will be offered as a mount rather than sent, as far as is known now. */
  boolean mountable(ImageReference source, ImageReference destination, Descriptor blob) {
    ImageReference from = mountSource(source, destination, blob);
    return from.registry().equals(destination.registry()) && !from.repository().equals(destination.repository());
  }

  /** Skips a blob the plan found present, else moves it (mounted or streamed). */
  void copy(ImageReference source, ImageReference destination, Descriptor blob, boolean present) {
    if (present) {
      skipped.incrementAndGet();
      Listeners.safely(() -> listener.blobSkipped(new CopyEvent.BlobSkipped(blob.digest(), blob.size())));
      if (ledger != null) {
        ledger.held(destination, blob.digest());
      }
      return;
    }
    if (ledger == null) {
      transfer(source, destination, blob);
      return;
    }
    String repository = destination.toString();
    String digest = blob.digest().toString();
    CompletableFuture<Void> mine = new CompletableFuture<>();
    CompletableFuture<Void> theirs = ledger.claim(repository, digest, mine);
    if (theirs != null) {
      try {
        theirs.join();
        skipped.incrementAndGet();
        Listeners.safely(() -> listener.blobSkipped(new CopyEvent.BlobSkipped(blob.digest(), blob.size())));
        return;
      } catch (CompletionException | CancellationException failedElsewhere) {
        // the other copy failed with it: move it ourselves
        transfer(source, destination, blob);
        return;
      }
    }
    try {
      awaitOtherRepository(source, destination, blob, mine);
      transfer(source, destination, blob);
      ledger.held(destination, blob.digest());
      mine.complete(null);
    } catch (RuntimeException | Error e) {
      ledger.release(repository, digest, mine);
      ledger.releaseRegistry(destination, blob.digest(), mine);
      mine.completeExceptionally(e);
      throw e;
    }
  }

  /**
   * When another repository of the destination registry is receiving this blob from
   * another registry right now, waits for it so the blob is mounted from there rather than
   * uploaded twice; if that transfer fails, this one uploads.
   */
  private void awaitOtherRepository(ImageReference source, ImageReference destination, Descriptor blob,
      CompletableFuture<Void> mine) {
    if (ledger == null || source.registry().equals(destination.registry())) {
      return;
    }
    CompletableFuture<Void> elsewhere = ledger.claimRegistry(destination, blob.digest(), mine);
    if (elsewhere != null) {
      try {
        elsewhere.join();
      } catch (CompletionException | CancellationException failedElsewhere) {
        // it did not get there: upload it ourselves
      }
    }
  }

  /** Where a mount would come from: the source, or a repository of the destination registry this run gave the blob. */
  private ImageReference mountSource(ImageReference source, ImageReference destination, Descriptor blob) {
    return ledger == null || source.registry().equals(destination.registry()) ? source
        : ledger.holder(destination, blob.digest()).orElse(source);
  }

  private void transfer(ImageReference source, ImageReference destination, Descriptor blob) {
    transfers.checkNotCancelled();
    // the client mounts only within one registry and across repositories; elsewhere it uploads
    ImageReference from = mountSource(source, destination, blob);
    BlobPushOptions options = BlobPushOptions.defaults()
        .mode(blob.size() <= MONOLITHIC_LIMIT ? UploadMode.MONOLITHIC : UploadMode.STREAMED)
        .mountFrom(from);
    long start = System.nanoTime();
    BlobPushResult result = push(source, destination, blob, options, new AtomicBoolean());
    if (result.mounted()) {
      mounted.incrementAndGet();
      Listeners.safely(() -> listener.blobMounted(new CopyEvent.BlobMounted(blob.digest(), blob.size(), from)));
      return;
    }
    copied.incrementAndGet();
    bytes.addAndGet(result.bytesSent());
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    Listeners.safely(() -> listener.blobFinished(new CopyEvent.BlobFinished(blob.digest(), blob.size(), elapsed)));
  }

  /**
   * Pushes the blob streamed from the source. Bytes that arrive wrong once may have been
   * damaged on the way (a proxy, a flaky link): they are fetched once more, checked again,
   * and a second mismatch fails the copy with the {@link DigestMismatchException}. The
   * registry never commits wrong bytes: the verifying stream fails before the upload ends.
   */
  private BlobPushResult push(ImageReference source, ImageReference destination, Descriptor blob,
      BlobPushOptions options, AtomicBoolean started) {
    try {
      return client.pushBlob(destination, blob, offset -> open(source, blob, offset, started), options);
    } catch (DigestMismatchException corrupted) {
      transfers.checkNotCancelled();
      String request = "GET " + source + "@" + blob.digest();
      Listeners.safely(() -> listener.retry(new CopyEvent.Retry(request, 1, Duration.ZERO,
          "the blob's bytes did not match its digest")));
      return client.pushBlob(destination, blob, offset -> open(source, blob, offset, started), options);
    }
  }

  /**
   * The source blob from an offset, verified, counted for progress, and closed if the copy is
   * cancelled. The first open is the transfer's start: a mount never opens the source.
   */
  private InputStream open(ImageReference source, Descriptor blob, long offset, AtomicBoolean started)
      throws IOException {
    transfers.checkNotCancelled();
    if (started.compareAndSet(false, true)) {
      Listeners.safely(() -> listener.blobStarted(new CopyEvent.BlobStarted(blob.digest(), blob.size())));
    }
    InputStream in = transfers.track(BlobSource.fromRegistry(client, source, blob).open(offset));
    return new ProgressStream(in, blob, offset, listener, () -> transfers.untrack(in));
  }
}
