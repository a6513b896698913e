package dev.ferry.benchmarks;

import dev.ferry.reference.ImageReference;
import java.util.List;

/**
 * A case of the wide-area benchmark: the {@link BenchCase} (sources on the source registry,
 * reached directly) and whether it is copied over loopback instead of the delayed links.
 */
record WanCase(BenchCase bench, boolean loopback) {
  /** Where the copiers read the images from. */
  List<ImageReference> sources(WanSite site) {
    return loopback ? bench.sources() : bench.sources().stream().map(s -> s.withRegistry(site.sourceAddress())).toList();
  }

  /** Where the copiers write them. */
  List<ImageReference> destinations(WanSite site) {
    return bench.destinations(loopback ? site.registries().destination() : site.destinationAddress());
  }

  /** The same images on the destination registry, reached directly: for emptying and checking. */
  List<ImageReference> directDestinations(WanSite site) {
    return bench.destinations(site.registries().destination());
  }
}
