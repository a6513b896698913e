package dev.ferry.copy;

import dev.ferry.reference.ImageReference;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What happened to one image of a {@link BulkCopy}.
 *
 * <p>Thread-safety: immutable.
 *
 * @since 0.1
 */
public final class BulkEntry {
  /**
   * The outcome for one image.
   *
   * @since 0.1
   */
  public enum Status {
    /** Something was written. */
    COPIED,
    /** The destination already had the same digest under the tag: only HEAD requests were made. */
    UP_TO_DATE,
    /** The copy failed; see {@link #failure()}. */
    FAILED
  }

  private final ImageReference source;
  private final ImageReference destination;
  private final Status status;
  private final @Nullable CopyResult result;
  private final @Nullable RuntimeException failure;

  BulkEntry(ImageReference source, ImageReference destination, @Nullable CopyResult result,
      @Nullable RuntimeException failure) {
    this.source = Objects.requireNonNull(source, "source");
    this.destination = Objects.requireNonNull(destination, "destination");
    this.result = result;
    this.failure = failure;
    this.status = failure != null ? Status.FAILED : result != null && result.upToDate() ? Status.UP_TO_DATE
        : Status.COPIED;
  }

  /**
   * {@return the source image}
   *
   * @since 0.1
   */
  public ImageReference source() {
    return source;
  }

  /**
   * {@return the destination image}
   *
   * @since 0.1
   */
  public ImageReference destination() {
    return destination;
  }

  /**
   * {@return copied, already up to date, or failed}
   *
   * @since 0.1
   */
  public Status status() {
    return status;
  }

  /**
   * {@return the copy's result, unless it failed}
   *
   * @since 0.1
   */
  public Optional<CopyResult> result() {
    return Optional.ofNullable(result);
  }

  /**
   * {@return why the copy failed, if it did}
   *
   * @since 0.1
   */
  public Optional<RuntimeException> failure() {
    return Optional.ofNullable(failure);
  }

  /**
   * {@return one report line: status, source, destination, and the reason of a failure}
   *
   * @since 0.1
   */
  @Override
  public String toString() {
    return status + " " + source + " -> " + destination + (failure == null ? "" : ": " + failure.getMessage());
  }
}
