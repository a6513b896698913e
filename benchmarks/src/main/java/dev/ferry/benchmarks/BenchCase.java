package dev.ferry.benchmarks;

import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import java.util.List;

/**
 * One measured case.
 *
 * @param number the case number of issue 5
 * @param title what is copied, in the results table
 * @param fixture the fixture's shape and sizes
 * @param cold whether the destination is emptied before every run (false: the no-op case)
 * @param allPlatforms whether skopeo needs {@code --all}
 * @param sources the images, on the source registry, with their manifest digests
 * @param digests the source manifest digests, which every method must reproduce at the destination
 * @param target issue 5's target for the case
 */
record BenchCase(int number, String title, String fixture, boolean cold, boolean allPlatforms,
    List<ImageReference> sources, List<Digest> digests, Target target) {
  BenchCase {
    sources = List.copyOf(sources);
    digests = List.copyOf(digests);
  }

  /** The same repositories and tags on the destination registry. */
  List<ImageReference> destinations(String destinationRegistry) {
    return sources.stream().map(s -> s.withRegistry(destinationRegistry)).toList();
  }

  boolean bulk() {
    return sources.size() > 1;
  }
}
