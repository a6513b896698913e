package dev.ferry.registry;

/**
 * How a blob is sent to a registry.
 *
 * @since 0.1
 */
public enum UploadMode {
  /** {@code POST} to open a session, then one {@code PUT ?digest=} carrying the whole blob. */
  MONOLITHIC,
  /** {@code POST}, one streamed {@code PATCH} with the whole blob, then {@code PUT ?digest=}. */
  STREAMED,
  /**
   * {@code POST}, then {@code PATCH} chunks with {@code Content-Range} (the chunk size configurable,
   * at least the registry's {@code OCI-Chunk-Min-Length}), then {@code PUT ?digest=}; an interrupted
   * upload resumes from the offset the registry reports.
   */
  CHUNKED
}
