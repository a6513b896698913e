package dev.ferry.migrate;

import dev.ferry.copy.BulkEntry;
import dev.ferry.copy.BulkResult;
import dev.ferry.copy.CopyResult;
import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** After the bulk copy: one entry per image, then the files rewritten where all their images copied. */
final class Execution {
  private Execution() {}

  static MigrationReport finish(ImageScan scan, Selection selection, BulkResult copied, boolean pin) {
    List<Selection.Pending> pending = selection.pending();
    List<ImageEntry> images = new ArrayList<>();
    Map<ImageReference, FileChanges.Outcome> outcomes = new HashMap<>();
    for (int i = 0; i < pending.size(); i++) {
      Selection.Pending p = pending.get(i);
      BulkEntry entry = copied.entries().get(i);
      Digest written = entry.result().map(CopyResult::digest).orElse(null);
      String failure = entry.failure().map(e -> e.getMessage() == null ? e.toString() : e.getMessage()).orElse(null);
      ImageEntry.Status status = switch (entry.status()) {
        case COPIED -> ImageEntry.Status.COPIED;
        case UP_TO_DATE -> ImageEntry.Status.UP_TO_DATE;
        case FAILED -> ImageEntry.Status.FAILED;
      };
      images.add(new ImageEntry(p.source(), p.destination(), status, written, failure, p.uses()));
      Digest pinned = pin || p.source().digest().isPresent() ? written : null;
      outcomes.put(p.source(), new FileChanges.Outcome(p.destination(), pinned,
          failure == null ? null : "failed to copy: " + failure));
    }
    images.addAll(selection.settled());
    return new MigrationReport(images, FileChanges.files(scan, pending, outcomes, true), scan.unresolved(),
        copied.duration());
  }
}
