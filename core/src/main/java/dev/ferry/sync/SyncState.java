package dev.ferry.sync;

import dev.ferry.reference.Digest;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What a mirror remembers about the digests its copies write, so that a later run, in this
 * process or another, finds an up-to-date tag with HEAD requests only. It matters for
 * {@link dev.ferry.copy.IndexMode#SINGLE_PLATFORM} and {@link dev.ferry.copy.IndexMode#FILTERED}
 * copies of a multi-platform source: what they write (the chosen child, a new index) has
 * another digest than the source index, and without a remembered answer the only way to
 * learn it is to GET the source index, which Docker Hub counts as a pull.
 *
 * <pre>{@code
 * Mirror mirror = Mirror.builder()
 *     .repository(ImageReference.parse("nginx"), ImageReference.parse("registry.local/mirror/nginx"))
 *     .platforms(PlatformSelection.only(Platform.parse("linux/amd64")))
 *     .indexMode(IndexMode.SINGLE_PLATFORM)
 *     .state(SyncState.file(Path.of("/var/lib/mirror/nginx.state")))   // kept across restarts
 *     .build();
 * }</pre>
 *
 * <p>An entry is a pure fact about content: the source index with digest {@code source},
 * copied with {@code settings} (the index mode and platform selection, as the mirror names
 * them), gives {@code written}. It never goes stale, so a state may be kept for ever; a
 * missing or forgotten entry costs only that one GET. The mirror reads entries while it
 * checks tags, adds one for each index it copies (or finds up to date), and calls
 * {@link #save()} once at the end of each {@code sync}.
 *
 * <p>Implement it to keep the entries elsewhere (a database, a Kubernetes ConfigMap).
 * Thread-safety: implementations must be thread-safe; a mirror checks tags concurrently.
 *
 * @since 0.1
 */
public interface SyncState {
  /**
   * The digest a copy of a source index with these settings wrote, if remembered.
   *
   * @param settings the copy settings, an opaque text the mirror chooses
   * @param source the digest of the source index
   * @return the digest written, if known
   * @since 0.1
   */
  Optional<Digest> written(String settings, Digest source);

  /**
   * Remembers the digest a copy of a source index with these settings wrote.
   *
   * @param settings the copy settings, an opaque text the mirror chooses
   * @param source the digest of the source index
   * @param written the digest written at the destination
   * @since 0.1
   */
  void remember(String settings, Digest source, Digest written);

  /**
   * Makes what was remembered durable; the mirror calls it at the end of each {@code sync}.
   * Does nothing by default.
   *
   * @throws SyncStateException if it could not be saved
   * @since 0.1
   */
  default void save() {}

  /**
   * {@return a state held in this process only (a mirror's default), of at most 100,000
   * entries, the least recently used forgotten first}
   *
   * @since 0.1
   */
  static SyncState inMemory() {
    return new MemorySyncState();
  }

  /**
   * A state kept in a file, read now and rewritten by {@link #save()} when something new was
   * remembered: written to a temporary file beside it and moved over it, so a crash leaves
   * the old file or the new one, never half of one. A missing file is an empty state; lines
   * that are not entries are ignored. Give each mirror (and each worker of a fleet) a file of
   * its own: two writers do not lose correctness, only entries (the last save wins).
   *
   * @param file the state file; its directory must exist
   * @return the state
   * @throws SyncStateException if the file exists but cannot be read, or is too large to be a state
   * @since 0.1
   */
  static SyncState file(Path file) {
    return FileSyncState.load(Objects.requireNonNull(file, "file"));
  }
}
