package dev.ferry.benchmarks;

import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryClient;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/** Plain-HTTP clients for loopback registries only: the benchmark never talks to anything else. */
final class Loopback {
  private Loopback() {}

  /** A client that speaks plain HTTP to the registries of these references, all of which must be on loopback. */
  static RegistryClient client(Collection<ImageReference> references) {
    Set<String> registries = new LinkedHashSet<>();
    for (ImageReference reference : references) {
      registries.add(requireLoopback(reference.registry()));
    }
    return RegistryClient.builder().plainHttp(registries.toArray(String[]::new)).build();
  }

  /** The registry, if it is {@code 127.0.0.1}, {@code localhost} or {@code [::1]} with a port. */
  static String requireLoopback(String registry) {
    String host = registry.startsWith("[") ? registry.substring(0, registry.indexOf(']') + 1)
        : registry.contains(":") ? registry.substring(0, registry.indexOf(':')) : registry;
    if (!host.equals("127.0.0.1") && !host.equals("localhost") && !host.equals("[::1]")) {
      throw new IllegalArgumentException("the benchmark talks to loopback registries only, not " + registry);
    }
    return registry;
  }
}
