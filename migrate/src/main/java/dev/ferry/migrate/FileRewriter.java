package dev.ferry.migrate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Rewrites one file: only the edited spans change, every other byte stays (the text was decoded
 * from strict UTF-8, which encodes back to the same bytes). The new content goes to a temporary
 * file beside it, takes the original's POSIX permissions, and is moved into place, so a reader
 * sees the old file or the new one, never half of one.
 */
final class FileRewriter {
  private FileRewriter() {}

  /**
   * Rewrites the file.
   *
   * @throws IllegalStateException when the file changed since the scan (nothing is written)
   * @throws IOException when reading or writing fails (the original is untouched)
   */
  static void rewrite(Path given, SourceText scanned, List<Rewrites.Edit> edits) throws IOException {
    Path location = given.toRealPath();   // a scanned link keeps pointing at the rewritten file
    String text = scanned.text();
    byte[] was = text.getBytes(StandardCharsets.UTF_8);
    if (Files.size(location) != was.length || !Arrays.equals(Files.readAllBytes(location), was)) {
      throw new IllegalStateException("the file changed since it was scanned: scan again");
    }
    List<Rewrites.Edit> ordered = new ArrayList<>(edits);
    ordered.sort(Comparator.comparingInt(Rewrites.Edit::start).reversed());
    StringBuilder out = new StringBuilder(text);
    int limit = Integer.MAX_VALUE;
    for (Rewrites.Edit edit : ordered) {
      if (edit.end() > limit) {
        throw new IllegalStateException("two image places overlap at offset " + edit.start());
      }
      out.replace(edit.start(), edit.end(), edit.text());
      limit = edit.start();
    }
    Path directory = location.getParent();
    Path temporary = Files.createTempFile(directory, "." + location.getFileName() + ".", ".ferry-tmp");
    try {
      Files.write(temporary, out.toString().getBytes(StandardCharsets.UTF_8));
      if (Files.getFileAttributeView(location, PosixFileAttributeView.class) != null) {
        Files.setPosixFilePermissions(temporary, Files.getPosixFilePermissions(location));
      }
      try {
        Files.move(temporary, location, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, location, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
