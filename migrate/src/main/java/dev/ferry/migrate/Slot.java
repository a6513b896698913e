package dev.ferry.migrate;

/**
 * One span of a file's text that holds part of an image reference, in UTF-16 offsets of the
 * decoded text, and which part of the destination reference replaces it.
 */
record Slot(int start, int end, Part part, String original) {
  /** Which part of the reference a span holds. */
  enum Part {
    /** The whole reference. */
    WHOLE,
    /** The registry host alone. */
    REGISTRY,
    /** The repository path without the registry. */
    REPOSITORY,
    /** Registry and repository, as one name. */
    NAME,
    /** The tag alone (with {@code @digest} appended when pinning and there is no digest span). */
    TAG,
    /** The digest alone. */
    DIGEST
  }

  Slot {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad span " + start + ".." + end);
    }
  }
}
