package dev.ferry.migrate;

import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Turns the outcome of each image into the changes of each file, and (when executing) writes them:
 * a file is rewritten only when every image it uses to be changed succeeded.
 */
final class FileChanges {
  /** What became of one source image: its destination, the digest to write (if any), or why it failed. */
  record Outcome(ImageReference destination, @Nullable Digest digest, @Nullable String failure) {}

  private FileChanges() {}

  static List<FileEntry> files(ImageScan scan, List<Selection.Pending> pending, Map<ImageReference, Outcome> outcomes,
      boolean write) {
    Map<Path, List<ImageUse>> byFile = new LinkedHashMap<>();
    for (Selection.Pending p : pending) {
      for (ImageUse use : p.uses()) {
        byFile.computeIfAbsent(use.file(), k -> new ArrayList<>()).add(use);
      }
    }
    List<FileEntry> out = new ArrayList<>();
    for (Path file : scan.files()) {
      List<ImageUse> uses = byFile.get(file);
      if (uses != null) {
        uses.sort((a, b) -> a.line() != b.line() ? Integer.compare(a.line(), b.line())
            : Integer.compare(a.column(), b.column()));
        file(scan, file, uses, outcomes, write).ifPresent(out::add);
      }
    }
    return out;
  }

  private static Optional<FileEntry> file(ImageScan scan, Path file, List<ImageUse> uses,
      Map<ImageReference, Outcome> outcomes, boolean write) {
    List<LineChange> changes = new ArrayList<>();
    List<Rewrites.Edit> edits = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (ImageUse use : uses) {
      ImageReference source = Selection.source(use.reference());
      Outcome outcome = Objects.requireNonNull(outcomes.get(source), "every source has an outcome");
      List<Rewrites.Edit> mine = Rewrites.edits(use, outcome.destination(), outcome.digest());
      if (mine.isEmpty()) {
        continue;
      }
      edits.addAll(mine);
      changes.add(new LineChange(use.line(), use.column(), use.text(),
          Rewrites.written(outcome.destination(), outcome.digest()).familiarString()));
      if (outcome.failure() != null) {
        failures.add(source.familiarString() + " " + outcome.failure());
      }
    }
    if (changes.isEmpty()) {
      return Optional.empty();
    }
    if (!failures.isEmpty()) {
      return Optional.of(new FileEntry(file, FileEntry.Status.FAILED, changes,
          "left untouched: " + String.join("; ", failures)));
    }
    ScannedFile scanned = scan.file(file).orElseThrow();
    if (scanned.onDisk().isEmpty()) {
      return Optional.of(new FileEntry(file, FileEntry.Status.FAILED, changes,
          "scanned from a Reader: there is no file to rewrite"));
    }
    if (!write) {
      return Optional.of(new FileEntry(file, FileEntry.Status.TO_REWRITE, changes, null));
    }
    try {
      FileRewriter.rewrite(scanned.onDisk().get(), scanned.source(), edits);
      return Optional.of(new FileEntry(file, FileEntry.Status.REWRITTEN, changes, null));
    } catch (IOException | IllegalStateException e) {
      return Optional.of(new FileEntry(file, FileEntry.Status.FAILED, changes,
          "left untouched: " + e.getMessage()));
    }
  }
}
