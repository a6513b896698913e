package dev.ferry.sync;

import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryClient;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Where a mirror finds its source repositories: one named pair, a list the user gave,
 * or a registry's {@code _catalog} (all of it, or one namespace), each source mapped
 * to its destination.
 */
sealed interface RepositorySource {
  /** The pairs to mirror; a catalog is read from the registry (its failure is the caller's to report). */
  List<RepositoryPair> pairs(RegistryClient client);

  /** What to name in a report when the source itself cannot be read. */
  ImageReference describe();

  record Pair(RepositoryPair pair) implements RepositorySource {
    @Override
    public List<RepositoryPair> pairs(RegistryClient client) {
      return List.of(pair);
    }

    @Override
    public ImageReference describe() {
      return pair.source();
    }
  }

  record Listed(List<ImageReference> sources, Function<ImageReference, ImageReference> mapping)
      implements RepositorySource {
    public Listed {
      sources = List.copyOf(sources);
    }

    @Override
    public List<RepositoryPair> pairs(RegistryClient client) {
      return sources.stream().map(s -> pair(s.withoutTag().withoutDigest(), mapping)).toList();
    }

    @Override
    public ImageReference describe() {
      return sources.isEmpty() ? ImageReference.of("localhost", "none") : sources.get(0);
    }
  }

  /** Every repository of {@code registry} under {@code namespace} ("" for the whole registry). */
  record Catalog(String registry, String namespace, Function<ImageReference, ImageReference> mapping)
      implements RepositorySource {
    @Override
    public List<RepositoryPair> pairs(RegistryClient client) {
      String prefix = namespace.isEmpty() ? "" : namespace + "/";
      return client.catalog(registry).stream()
          .filter(r -> r.startsWith(prefix))
          .map(r -> pair(ImageReference.of(registry, r), mapping))
          .toList();
    }

    @Override
    public ImageReference describe() {
      return ImageReference.of(registry, namespace.isEmpty() ? "catalog" : namespace);
    }
  }

  private static RepositoryPair pair(ImageReference source, Function<ImageReference, ImageReference> mapping) {
    return new RepositoryPair(source, Objects.requireNonNull(mapping.apply(source), "mapped destination"));
  }

  /**
   * Maps a source repository under a destination prefix, dropping the source namespace:
   * with namespace {@code org} and prefix {@code registry.local/mirror}, {@code quay.io/org/app/web}
   * becomes {@code registry.local/mirror/app/web}.
   */
  static Function<ImageReference, ImageReference> underPrefix(String namespace, String prefix) {
    String trimmed = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    int slash = trimmed.indexOf('/');
    String registry = slash < 0 ? trimmed : trimmed.substring(0, slash);
    String path = slash < 0 ? "" : trimmed.substring(slash + 1) + "/";
    ImageReference.of(registry, path + "probe");
    String dropped = namespace.isEmpty() ? "" : namespace + "/";
    return source -> {
      String rest = source.repository().startsWith(dropped)
          ? source.repository().substring(dropped.length()) : source.repository();
      return ImageReference.of(registry, path + rest);
    };
  }
}
