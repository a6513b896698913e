package dev.ferry.internal.image;

/**
 * One entry of a tar file as {@link TarIndex} found it.
 *
 * @param name the normalised path inside the archive (no leading {@code ./}, never {@code ..})
 * @param type the kind of entry
 * @param dataOffset where the content starts in the file
 * @param size the content's length in bytes
 * @param linkTarget what a link points to, empty for other entries
 */
public record TarEntry(String name, Type type, long dataOffset, long size, String linkTarget) {
  /** The kinds of entry an image archive may have; devices and FIFOs are refused when scanning. */
  public enum Type {
    /** A regular file. */
    FILE,
    /** A directory. */
    DIRECTORY,
    /** A symbolic or hard link: recorded, refused when an image names it. */
    LINK
  }
}
