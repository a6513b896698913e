package dev.ferry.migrate;

import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One distinct source image of a migration: where it goes, what happened (or would happen) to it,
 * and the places that use it.
 *
 * <p>Thread-safety: immutable.
 *
 * @since 0.1
 */
public final class ImageEntry {
  /**
   * What a plan would do, or what an execution did, with one image.
   *
   * @since 0.1
   */
  public enum Status {
    /** Plan: the image would be copied (its source digest was found with a HEAD request). */
    TO_COPY,
    /** Executed: something was written to the destination. */
    COPIED,
    /** Executed: the destination already had the same digest; only HEAD requests were made. */
    UP_TO_DATE,
    /** Plan: the source registry does not have the image. */
    NOT_FOUND,
    /** The HEAD (plan) or the copy (execution) failed; see {@link #detail()}. */
    FAILED,
    /** Not copied, not rewritten: the skip predicate matched, or it is already at its destination. */
    SKIPPED
  }

  private final ImageReference source;
  private final @Nullable ImageReference destination;
  private final Status status;
  private final @Nullable Digest digest;
  private final @Nullable String detail;
  private final List<ImageUse> uses;

  ImageEntry(ImageReference source, @Nullable ImageReference destination, Status status, @Nullable Digest digest,
      @Nullable String detail, List<ImageUse> uses) {
    this.source = Objects.requireNonNull(source, "source");
    this.destination = destination;
    this.status = Objects.requireNonNull(status, "status");
    this.digest = digest;
    this.detail = detail;
    this.uses = List.copyOf(uses);
  }

  /**
   * {@return the source image (with {@code latest} made explicit when the text named no tag)}
   *
   * @since 0.1
   */
  public ImageReference source() {
    return source;
  }

  /**
   * {@return where it goes; absent when skipped or when the mapping failed}
   *
   * @since 0.1
   */
  public Optional<ImageReference> destination() {
    return Optional.ofNullable(destination);
  }

  /**
   * {@return the status}
   *
   * @since 0.1
   */
  public Status status() {
    return status;
  }

  /**
   * The digest: in a plan, the source's (from a HEAD request); in a report, the digest the copy
   * wrote at the destination (what a pinned reference names).
   *
   * @return the digest, when known
   * @since 0.1
   */
  public Optional<Digest> digest() {
    return Optional.ofNullable(digest);
  }

  /**
   * {@return why it was skipped or failed, or a note}
   *
   * @since 0.1
   */
  public Optional<String> detail() {
    return Optional.ofNullable(detail);
  }

  /**
   * {@return the places that use the image}
   *
   * @since 0.1
   */
  public List<ImageUse> uses() {
    return uses;
  }

  /**
   * {@return one summary line}
   *
   * @since 0.1
   */
  @Override
  public String toString() {
    return status + " " + source + (destination == null ? "" : " -> " + destination)
        + (digest == null ? "" : " (" + digest + ")") + (detail == null ? "" : ": " + detail)
        + " [" + uses.size() + (uses.size() == 1 ? " use]" : " uses]");
  }
}
