package dev.ferry.registry;

import dev.ferry.reference.Digest;
import java.util.Objects;

/**
 * What a blob push did.
 *
 * @param digest the blob's digest
 * @param size the blob's size in bytes
 * @param mounted true when the registry mounted it from another repository (no bytes sent)
 * @param bytesSent the bytes actually sent, resumed parts counted once
 * @since 0.1
 */
public record BlobPushResult(Digest digest, long size, boolean mounted, long bytesSent) {
  /**
   * Validates the parts.
   *
   * @param digest the blob's digest
   * @param size the size
   * @param mounted whether it was mounted
   * @param bytesSent the bytes sent
   * @since 0.1
   */
  public BlobPushResult {
    Objects.requireNonNull(digest, "digest");
  }
}
