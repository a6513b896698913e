package dev.ferry.sync;

import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import java.util.Objects;
import java.util.Optional;

/**
 * What a mirror run did with one tag (or, for a repository whose tags could not be
 * listed, with the whole repository: then {@link #source()} has no tag).
 *
 * <p>Thread-safety: immutable.
 *
 * @param source the source image (repository and tag)
 * @param destination the destination image (repository and tag)
 * @param outcome what happened; in a {@link Mirror#plan plan}, what would happen
 * @param digest the digest now at the destination (copied, up to date), or the one deleted (pruned)
 * @param reason why it failed, or why a tag the filter dropped was kept; empty otherwise
 * @param bytes bytes uploaded for this tag
 * @since 0.1
 */
public record TagSync(ImageReference source, ImageReference destination, Outcome outcome, Optional<Digest> digest,
    Optional<String> reason, long bytes) {

  /**
   * What happened to a tag.
   *
   * @since 0.1
   */
  public enum Outcome {
    /** Copied (the destination lacked it or held another digest). */
    COPIED,
    /** The destination already held the digest the copy would write: only HEAD requests were made. */
    UP_TO_DATE,
    /** A destination tag the filter no longer yields was deleted. */
    PRUNED,
    /** The filter no longer yields it, but it was not deleted: a kept tag shares its digest. */
    KEPT,
    /** Not copied or not deleted; {@link TagSync#reason()} says why. */
    FAILED
  }

  /**
   * Validates the parts.
   *
   * @param source the source
   * @param destination the destination
   * @param outcome the outcome
   * @param digest the digest
   * @param reason the reason
   * @param bytes the bytes uploaded
   * @since 0.1
   */
  public TagSync {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(reason, "reason");
  }

  static TagSync of(ImageReference source, ImageReference destination, Outcome outcome, Digest digest, long bytes) {
    return new TagSync(source, destination, outcome, Optional.of(digest), Optional.empty(), bytes);
  }

  static TagSync failed(ImageReference source, ImageReference destination, String reason) {
    return new TagSync(source, destination, Outcome.FAILED, Optional.empty(), Optional.of(reason), 0);
  }

  @Override
  public String toString() {
    return outcome + " " + source + " -> " + destination + digest.map(d -> " " + d).orElse("")
        + reason.map(r -> ": " + r).orElse("");
  }
}
