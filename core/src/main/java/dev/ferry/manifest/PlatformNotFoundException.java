package dev.ferry.manifest;

import dev.ferry.FerryException;
import dev.ferry.reference.Digest;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * No child of an index runs on the platform that was asked for. The message and
 * {@link #available()} list the platforms the index does have (attestations left
 * out), so the caller can pick another or report them.
 *
 * <p>Thread-safety: immutable.
 *
 * @since 0.1
 */
public final class PlatformNotFoundException extends FerryException {
  private static final long serialVersionUID = 1L;

  private final String requested;
  private final List<Platform> available;
  private final Digest digest;

  /**
   * Creates the exception.
   *
   * @param requested a description of what was asked for, e.g. the matcher's {@code toString()}
   * @param available the platforms that exist, in index order
   * @param digest the digest of the index that was searched
   * @since 0.1
   */
  public PlatformNotFoundException(String requested, List<Platform> available, Digest digest) {
    super(message(requested, available, digest));
    this.requested = requested;
    this.available = List.copyOf(available);
    this.digest = Objects.requireNonNull(digest, "digest");
  }

  private static String message(String requested, List<Platform> available, Digest digest) {
    Objects.requireNonNull(requested, "requested");
    Objects.requireNonNull(available, "available");
    return "no image for platform " + requested + " in index " + digest + "; "
        + (available.isEmpty() ? "it lists no runnable platforms"
            : "available: " + available.stream().map(Platforms::describe).collect(Collectors.joining(", ")));
  }

  /**
   * What was asked for.
   *
   * @return the description of the requested platform
   * @since 0.1
   */
  public String requested() {
    return requested;
  }

  /**
   * The platforms the index offers, attestations left out, in index order.
   *
   * @return an unmodifiable list, possibly empty
   * @since 0.1
   */
  public List<Platform> available() {
    return available;
  }

  /**
   * The index that was searched.
   *
   * @return its digest
   * @since 0.1
   */
  public Digest digest() {
    return digest;
  }
}
