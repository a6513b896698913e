package dev.ferry.testing.internal;

import dev.ferry.reference.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;

/**
 * What the registry keeps: content-addressed blobs (manifests among them) shared by
 * all repositories, and per repository the blobs it links, its manifests with their
 * media types and its tags. Implementations are thread-safe.
 */
public interface Storage {
  /** The size of a stored blob, if stored. */
  Optional<Long> blobSize(Digest digest) throws IOException;

  /** A stored blob from an offset. */
  InputStream openBlob(Digest digest, long offset) throws IOException;

  /** A new, empty upload buffer. */
  UploadBuffer newUpload() throws IOException;

  /** Stores a finished upload under its (verified) digest; the buffer is consumed. */
  void commit(Digest digest, UploadBuffer upload) throws IOException;

  /** Links a stored blob into a repository (creating the repository). */
  void link(String repository, Digest digest) throws IOException;

  /** Whether the repository links the blob. */
  boolean linked(String repository, Digest digest) throws IOException;

  /** Unlinks a blob from a repository; false if it was not linked. */
  boolean unlink(String repository, Digest digest) throws IOException;

  /** Records a stored blob as a manifest of the repository. */
  void putManifest(String repository, Digest digest, String mediaType) throws IOException;

  /** The media type of a manifest of the repository, if it has it. */
  Optional<String> manifestType(String repository, Digest digest) throws IOException;

  /** Removes a manifest and the tags pointing at it; false if absent. */
  boolean deleteManifest(String repository, Digest digest) throws IOException;

  /** The manifests of a repository. */
  List<Digest> manifests(String repository) throws IOException;

  /** Points a tag at a manifest of the repository. */
  void tag(String repository, String tag, Digest digest) throws IOException;

  /** The manifest a tag points at. */
  Optional<Digest> resolve(String repository, String tag) throws IOException;

  /** Removes a tag; false if absent. */
  boolean untag(String repository, String tag) throws IOException;

  /** The tags of a repository, sorted; empty if the repository is unknown. */
  SortedSet<String> tags(String repository) throws IOException;

  /** Whether anything was ever pushed to the repository. */
  boolean exists(String repository) throws IOException;

  /** Every repository, sorted. */
  SortedSet<String> repositories() throws IOException;

  /** Reads a whole (small) stored blob. */
  default byte[] readBlob(Digest digest) throws IOException {
    try (InputStream in = openBlob(digest, 0)) {
      return in.readAllBytes();
    }
  }

  /** Stores small content (a manifest) under its digest. */
  default void putBlob(Digest digest, byte[] content) throws IOException {
    UploadBuffer buffer = newUpload();
    buffer.write(content, 0, content.length);
    commit(digest, buffer);
  }
}
