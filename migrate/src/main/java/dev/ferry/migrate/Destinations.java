package dev.ferry.migrate;

import dev.ferry.reference.ImageReference;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/** Where each source image goes, and whether a reference is already there (so a re-run changes nothing). */
final class Destinations {
  private final Function<ImageReference, ImageReference> mapping;
  private final String registry;
  private final String path;

  private Destinations(Function<ImageReference, ImageReference> mapping, String registry, String path) {
    this.mapping = mapping;
    this.registry = registry;
    this.path = path;
  }

  static Destinations mapping(Function<ImageReference, ImageReference> mapping) {
    return new Destinations(Objects.requireNonNull(mapping, "mapping"), "", "");
  }

  /**
   * The layout of Google's guide: {@code prefix/<source repository>}, or with the source's registry
   * host as a first component ({@code prefix/ghcr.io/org/app}, a port written {@code host-5000}).
   */
  static Destinations prefix(String prefix, boolean keepRegistryHost) {
    Objects.requireNonNull(prefix, "prefix");
    String trimmed = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    int slash = trimmed.indexOf('/');
    String registry = slash < 0 ? trimmed : trimmed.substring(0, slash);
    String path = slash < 0 ? "" : trimmed.substring(slash + 1) + "/";
    ImageReference.of(registry, path + "probe");
    return new Destinations(source -> source.withRegistry(registry).withRepository(
        path + (keepRegistryHost ? hostComponent(source.registry()) + "/" : "") + source.repository()),
        registry, path);
  }

  private static String hostComponent(String host) {
    StringBuilder out = new StringBuilder();
    for (char c : host.toLowerCase(Locale.ROOT).toCharArray()) {
      out.append(Character.isLetterOrDigit(c) || c == '.' || c == '-' ? c : '-');
    }
    return out.toString().replaceAll("^[-.]+|[-.]+$", "");
  }

  ImageReference of(ImageReference source) {
    return Objects.requireNonNull(mapping.apply(source), "the mapping returned null for " + source);
  }

  /** True when a reference is already under the prefix (a second run of the same migration). */
  boolean alreadyThere(ImageReference reference) {
    return !registry.isEmpty() && reference.registry().equals(registry) && reference.repository().startsWith(path);
  }
}
