package dev.ferry.internal.image;

import dev.ferry.copy.ImageLocationException;
import dev.ferry.copy.ImageLocationException.Problem;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/** Temporary names beside their target, and the move that makes a finished file visible at once. */
final class FileMoves {
  private FileMoves() {}

  /** A hidden name in {@code dir} that no reader of layouts or archives takes for content. */
  static Path temporary(Path dir, String base) {
    return dir.resolve("." + base + ".ferry-" + UUID.randomUUID() + ".tmp");
  }

  /** Moves into place, atomically where the file system can (same directory, so it nearly always can). */
  static void publish(Path location, Path temporary, Path target) {
    try {
      try {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      deleteQuietly(temporary);
      throw new ImageLocationException(location, Problem.IO, "cannot move " + temporary.getFileName() + " to "
          + target + ": " + e.getMessage(), e);
    }
  }

  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a leftover temporary file is hidden and harmless; the failure being reported matters more
    }
  }
}
