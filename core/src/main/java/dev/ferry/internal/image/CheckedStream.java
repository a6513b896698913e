package dev.ferry.internal.image;

import dev.ferry.copy.ImageLocationException;
import dev.ferry.copy.ImageLocationException.Problem;
import dev.ferry.manifest.Descriptor;
import dev.ferry.reference.DigestMismatchException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/** A blob read from a file, verified as it streams; a mismatch names the file it came from. */
final class CheckedStream extends FilterInputStream {
  private final Path location;
  private final String path;

  CheckedStream(InputStream raw, Descriptor blob, Path location, String path) {
    super(blob.digest().verifying(raw, blob.size()));
    this.location = location;
    this.path = path;
  }

  @Override
  public int read() throws IOException {
    try {
      return super.read();
    } catch (DigestMismatchException e) {
      throw corrupt(e);
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    try {
      return super.read(b, off, len);
    } catch (DigestMismatchException e) {
      throw corrupt(e);
    }
  }

  private ImageLocationException corrupt(DigestMismatchException e) {
    return new ImageLocationException(location, Problem.CORRUPT, path + " does not match its digest: "
        + e.getMessage(), e);
  }
}
