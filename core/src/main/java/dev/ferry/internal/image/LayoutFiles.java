package dev.ferry.internal.image;

import dev.ferry.copy.ImageLocationException;
import dev.ferry.copy.ImageLocationException.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/** The files of an image layout, wherever they are: a directory, or entries of one tar. */
interface LayoutFiles {
  /** {@return the directory or archive, for messages} */
  Path location();

  /** {@return whether a regular file with this path (relative, with '/') exists} */
  boolean exists(String path);

  /** {@return the size of an existing file} */
  long size(String path, String what);

  /** Opens a file's content; the caller closes the stream. */
  InputStream open(String path, String what) throws IOException;

  /** The whole of a small file (a manifest, an index), refused when larger than {@code limit}. */
  default byte[] readSmall(String path, String what, int limit) {
    long size = size(path, what);
    if (size > limit) {
      throw new ImageLocationException(location(), Problem.NOT_AN_IMAGE, path + " (" + what + ") is " + size
          + " bytes, more than the limit of " + limit, null);
    }
    try (InputStream in = open(path, what)) {
      return in.readNBytes(limit + 1);
    } catch (IOException e) {
      throw new ImageLocationException(location(), Problem.IO, "cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  /** The path of a blob: {@code blobs/<algorithm>/<encoded>}. */
  static String blobPath(dev.ferry.reference.Digest digest) {
    return "blobs/" + digest.algorithm() + "/" + digest.encoded();
  }
}
