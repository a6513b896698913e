package dev.ferry.migrate;

import dev.ferry.FerryException;
import dev.ferry.reference.ImageReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The distinct source images of a scan and what becomes of each before anything is copied:
 * skipped (the predicate, or already at its destination), failed (the mapping threw), or to copy.
 */
final class Selection {
  /** A source image to copy, with its destination and the places that use it. */
  record Pending(ImageReference source, ImageReference destination, List<ImageUse> uses) {}

  private final Map<ImageReference, Pending> pending = new LinkedHashMap<>();
  private final List<ImageEntry> settled = new ArrayList<>();

  Selection(ImageScan scan, Predicate<? super ImageReference> skip, Destinations destinations) {
    Map<ImageReference, List<ImageUse>> bySource = new LinkedHashMap<>();
    for (ImageUse use : scan.uses()) {
      bySource.computeIfAbsent(source(use.reference()), k -> new ArrayList<>()).add(use);
    }
    bySource.forEach((source, uses) -> {
      if (skip.test(source)) {
        settled.add(new ImageEntry(source, null, ImageEntry.Status.SKIPPED, null, "skipped by the predicate", uses));
        return;
      }
      if (destinations.alreadyThere(source)) {
        settled.add(new ImageEntry(source, null, ImageEntry.Status.SKIPPED, null, "already under the prefix", uses));
        return;
      }
      ImageReference destination;
      try {
        destination = destinations.of(source);
      } catch (FerryException | IllegalArgumentException | NullPointerException e) {
        settled.add(new ImageEntry(source, null, ImageEntry.Status.FAILED, null,
            "no destination: " + e.getMessage(), uses));
        return;
      }
      if (destination.equals(source)) {
        settled.add(new ImageEntry(source, null, ImageEntry.Status.SKIPPED, null, "already at its destination",
            uses));
        return;
      }
      pending.put(source, new Pending(source, destination, uses));
    });
  }

  /** A reference as copied: without tag or digest it means {@code latest}, as Docker reads it. */
  static ImageReference source(ImageReference written) {
    return written.tag().isEmpty() && written.digest().isEmpty() ? written.withDefaultTag() : written;
  }

  List<Pending> pending() {
    return List.copyOf(pending.values());
  }

  /** The images decided without the network: skipped, or failed to map. */
  List<ImageEntry> settled() {
    return settled;
  }
}
