package dev.ferry.copy;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Hears what a copy does. Every method has a no-op default, so a listener
 * overrides only what it renders, and new events never break it. Methods are
 * called from worker threads, possibly concurrently: keep them quick and
 * thread-safe. An exception thrown by a listener is ignored.
 *
 * <pre>{@code
 * CopyListener progress = new CopyListener() {
 *   @Override public void blobProgress(CopyEvent.BlobProgress e) { bar.update(e.transferred()); }
 * };
 * }</pre>
 *
 * @since 0.1
 */
public interface CopyListener {
  /**
   * A listener that hears nothing.
   *
   * @since 0.1
   */
  CopyListener NONE = new CopyListener() {};

  /**
   * The copy's plan, before the first blob byte moves: what a progress bar needs for its total.
   *
   * @param event blobs and bytes to send, blobs skipped and to mount
   * @since 0.1
   */
  default void planned(CopyEvent.Planned event) {}

  /**
   * The destinations already hold what this copy would write: nothing moves.
   *
   * @param event the digest and the destinations
   * @since 0.1
   */
  default void upToDate(CopyEvent.UpToDate event) {}

  /**
   * A blob transfer began: its first byte is about to be sent.
   *
   * @param event the blob and its size
   * @since 0.1
   */
  default void blobStarted(CopyEvent.BlobStarted event) {}

  /**
   * Bytes of a blob moved.
   *
   * @param event the blob and the bytes so far
   * @since 0.1
   */
  default void blobProgress(CopyEvent.BlobProgress event) {}

  /**
   * The destination already had a blob.
   *
   * @param event the blob
   * @since 0.1
   */
  default void blobSkipped(CopyEvent.BlobSkipped event) {}

  /**
   * The destination mounted a blob from another repository.
   *
   * @param event the blob and where it came from
   * @since 0.1
   */
  default void blobMounted(CopyEvent.BlobMounted event) {}

  /**
   * A blob was uploaded and verified.
   *
   * @param event the blob and how long it took
   * @since 0.1
   */
  default void blobFinished(CopyEvent.BlobFinished event) {}

  /**
   * A manifest or index was pushed.
   *
   * @param event where, and its digest
   * @since 0.1
   */
  default void manifestPushed(CopyEvent.ManifestPushed event) {}

  /**
   * A request is retried after a transient failure (429, 5xx, a dropped connection).
   *
   * @param event the request, attempt, pause and reason
   * @since 0.1
   */
  default void retry(CopyEvent.Retry event) {}

  /**
   * A listener that hands every event to one consumer, for example {@code event -> log.info("{}", event)}.
   *
   * @param consumer receives each event
   * @return the listener
   * @since 0.1
   */
  static CopyListener of(Consumer<? super CopyEvent> consumer) {
    Objects.requireNonNull(consumer, "consumer");
    return new CopyListener() {
      @Override
      public void planned(CopyEvent.Planned event) {
        consumer.accept(event);
      }

      @Override
      public void upToDate(CopyEvent.UpToDate event) {
        consumer.accept(event);
      }

      @Override
      public void blobStarted(CopyEvent.BlobStarted event) {
        consumer.accept(event);
      }

      @Override
      public void blobProgress(CopyEvent.BlobProgress event) {
        consumer.accept(event);
      }

      @Override
      public void blobSkipped(CopyEvent.BlobSkipped event) {
        consumer.accept(event);
      }

      @Override
      public void blobMounted(CopyEvent.BlobMounted event) {
        consumer.accept(event);
      }

      @Override
      public void blobFinished(CopyEvent.BlobFinished event) {
        consumer.accept(event);
      }

      @Override
      public void manifestPushed(CopyEvent.ManifestPushed event) {
        consumer.accept(event);
      }

      @Override
      public void retry(CopyEvent.Retry event) {
        consumer.accept(event);
      }
    };
  }
}
