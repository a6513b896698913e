package dev.ferry.copy;

import dev.ferry.FerryException;
import dev.ferry.reference.Digest;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A copy failed: says which part (a blob, a manifest, a tag, the referrers), where
 * (registry and repository of the side that failed) and why: {@link #failure()} is
 * the typed failure underneath (a {@link dev.ferry.registry.RegistryException} with
 * status and error codes, a {@link dev.ferry.reference.DigestMismatchException}, a
 * {@link dev.ferry.registry.TransportException}), so callers need not dig through
 * {@link #getCause()}. No destination tag was written. Messages name images and
 * digests, never credentials.
 *
 * <pre>{@code
 * try {
 *   operation.execute(client);
 * } catch (CopyException e) {
 *   if (e.failure() instanceof RegistryResponseException r) {
 *     log.warn("{} {} in {}/{}: HTTP {}", e.part(), e.digest(), e.registry(), e.repository(), r.status());
 *   }
 * }
 * }</pre>
 *
 * <p>Thread-safety: immutable.
 *
 * @since 0.1
 */
public final class CopyException extends FerryException {
  private static final long serialVersionUID = 1L;

  /**
   * The kind of thing a copy was moving when it failed.
   *
   * @since 0.1
   */
  public enum Part {
    /** A layer or config blob, read from the source or written to the destination. */
    BLOB,
    /** A manifest or index, read from the source or written by digest. */
    MANIFEST,
    /** A destination tag: checked (is it up to date?) or written. */
    TAG,
    /** The referrers of the copied digest (signatures, SBOMs, attestations): listed or copied. */
    REFERRERS
  }

  private final Part part;
  private final @Nullable Digest digest;
  private final @Nullable String tag;
  private final String registry;
  private final String repository;
  private final String item;

  CopyException(String message, CopySite site, String registry, String repository, FerryException failure) {
    super(message, Objects.requireNonNull(failure, "failure"));
    this.part = site.part();
    this.digest = site.digest();
    this.tag = site.tag();
    this.registry = Objects.requireNonNull(registry, "registry");
    this.repository = Objects.requireNonNull(repository, "repository");
    this.item = site.item();
  }

  /**
   * What was being moved when the copy failed.
   *
   * @return blob, manifest, tag or referrers
   * @since 0.1
   */
  public Part part() {
    return part;
  }

  /**
   * The digest of the blob or manifest that failed (for a tag, the digest it was to name).
   *
   * @return the digest, when the failing part has one
   * @since 0.1
   */
  public Optional<Digest> digest() {
    return Optional.ofNullable(digest);
  }

  /**
   * The tag that failed, for {@link Part#TAG} (and a source manifest named by tag).
   *
   * @return the tag, if the failing part is named by one
   * @since 0.1
   */
  public Optional<String> tag() {
    return Optional.ofNullable(tag);
  }

  /**
   * The registry of the side that failed: the source's for a read, the destination's for a write.
   *
   * @return e.g. {@code docker.io} or {@code localhost:5000}
   * @since 0.1
   */
  public String registry() {
    return registry;
  }

  /**
   * The repository of the side that failed.
   *
   * @return e.g. {@code library/nginx}
   * @since 0.1
   */
  public String repository() {
    return repository;
  }

  /**
   * The typed failure underneath; the same object as {@link #getCause()}.
   *
   * @return e.g. a {@link dev.ferry.registry.RegistryResponseException} or a
   *     {@link dev.ferry.reference.DigestMismatchException}
   * @since 0.1
   */
  public FerryException failure() {
    return (FerryException) Objects.requireNonNull(getCause());
  }

  /**
   * The failing part in words, as the message names it.
   *
   * @return e.g. {@code blob sha256:... (1024 bytes) from ... to ...} or {@code manifest sha256:... to ...}
   * @since 0.1
   */
  public String item() {
    return item;
  }
}
