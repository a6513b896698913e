package dev.ferry.migrate;

import dev.ferry.FerryException;
import dev.ferry.manifest.Descriptor;
import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The dry run: one HEAD per source image, then the changes each file would get; nothing is written. */
final class Planner {
  private Planner() {}

  static MigrationPlan plan(ImageScan scan, Selection selection, boolean pin, RegistryClient client, int concurrency) {
    List<Selection.Pending> pending = selection.pending();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(concurrency, pending.size())), r -> {
      Thread t = new Thread(r, "ferry-migrate-plan");
      t.setDaemon(true);
      return t;
    });
    List<ImageEntry> images = new ArrayList<>();
    Map<ImageReference, FileChanges.Outcome> outcomes = new HashMap<>();
    try {
      List<Future<ImageEntry>> heads = new ArrayList<>();
      for (Selection.Pending p : pending) {
        heads.add(pool.submit(() -> head(client, p)));
      }
      for (Future<ImageEntry> head : heads) {
        ImageEntry entry = head.get();
        images.add(entry);
        Digest digest = pin || entry.source().digest().isPresent() ? entry.digest().orElse(null) : null;
        String failure = entry.status() == ImageEntry.Status.TO_COPY ? null
            : entry.status() == ImageEntry.Status.NOT_FOUND ? "is not at the source"
            : "cannot be read: " + entry.detail().orElse("");
        outcomes.put(entry.source(), new FileChanges.Outcome(entry.destination().orElseThrow(), digest, failure));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("the migration plan was interrupted");
    } catch (ExecutionException e) {
      throw new IllegalStateException("a HEAD request failed unexpectedly", e.getCause());
    } finally {
      pool.shutdownNow();
    }
    images.addAll(selection.settled());
    return new MigrationPlan(images, FileChanges.files(scan, pending, outcomes, false), scan.unresolved());
  }

  private static ImageEntry head(RegistryClient client, Selection.Pending p) {
    try {
      Optional<Descriptor> found = client.headManifest(p.source());
      return found.isPresent()
          ? new ImageEntry(p.source(), p.destination(), ImageEntry.Status.TO_COPY, found.get().digest(), null, p.uses())
          : new ImageEntry(p.source(), p.destination(), ImageEntry.Status.NOT_FOUND, null,
              "the source registry has no such manifest", p.uses());
    } catch (FerryException e) {
      return new ImageEntry(p.source(), p.destination(), ImageEntry.Status.FAILED, null, e.getMessage(), p.uses());
    }
  }
}
