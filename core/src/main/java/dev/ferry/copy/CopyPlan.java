package dev.ferry.copy;

import dev.ferry.manifest.Descriptor;
import dev.ferry.manifest.ImageIndex;
import dev.ferry.manifest.ImageManifest;
import dev.ferry.manifest.IndexBuilder;
import dev.ferry.manifest.Manifest;
import dev.ferry.manifest.Platform;
import dev.ferry.manifest.PlatformNotFoundException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a copy will write, decided from the source manifest and the index mode:
 * the manifest to tag, the children to push before it (deepest first), the
 * images whose blobs must be present, and the platforms they cover.
 *
 * @param top the manifest pushed under the destination tags
 * @param children manifests pushed by digest before {@code top}, each after its own children
 * @param images the image manifests whose blobs are copied
 * @param platforms the platforms copied, empty for a single-platform source
 */
record CopyPlan(Manifest top, List<Manifest> children, List<ImageManifest> images, List<Platform> platforms) {

  /** Fetches the manifests of these descriptors, keyed by digest text. */
  interface Fetcher {
    Map<String, Manifest> fetchAll(List<Descriptor> descriptors);
  }

  /** Refuses a partial platform selection with {@link IndexMode#PRESERVE_ORIGINAL}, which copies every platform. */
  static void checkMode(CopyOperation op) {
    if (op.indexMode == IndexMode.PRESERVE_ORIGINAL && !op.platforms.isAll()) {
      throw new IllegalArgumentException("IndexMode.PRESERVE_ORIGINAL copies every platform of an index;"
          + " to copy " + op.platforms + ", use IndexMode.FILTERED (a new index) or IndexMode.SINGLE_PLATFORM");
    }
  }

  /** The plan for a source manifest: children chosen per mode and fetched (nested indexes too), deepest first. */
  static CopyPlan build(Manifest source, CopyOperation op, Fetcher fetcher) {
    if (source instanceof ImageManifest image) {
      return new CopyPlan(image, List.of(), List.of(image), List.of());
    }
    ImageIndex index = (ImageIndex) source;
    List<Descriptor> chosen = selectChildren(index, op);
    Map<String, Manifest> fetched = fetcher.fetchAll(chosen);
    List<Manifest> children = new ArrayList<>();
    List<ImageManifest> images = new ArrayList<>();
    for (Descriptor d : chosen) {
      collect(fetchedOf(fetched, d), fetcher, children, images);
    }
    List<Platform> platforms = chosen.stream().filter(d -> !d.isAttestation())
        .flatMap(d -> d.platform().stream()).distinct().toList();
    return switch (op.indexMode) {
      case SINGLE_PLATFORM -> new CopyPlan(children.get(children.size() - 1),
          children.subList(0, children.size() - 1), images, platforms);
      case FILTERED -> new CopyPlan(filteredIndex(index, chosen), children, images, platforms);
      case PRESERVE_ORIGINAL -> new CopyPlan(index, children, images, platforms);
    };
  }

  /** The manifest of a descriptor the fetcher was given: it answers for every one or throws. */
  private static Manifest fetchedOf(Map<String, Manifest> fetched, Descriptor d) {
    return Objects.requireNonNull(fetched.get(d.digest().toString()), "the fetcher skipped a manifest");
  }

  /** Adds a manifest and, for a nested index, its children first. */
  private static void collect(Manifest manifest, Fetcher fetcher, List<Manifest> children,
      List<ImageManifest> images) {
    if (manifest instanceof ImageIndex nested) {
      Map<String, Manifest> grandChildren = fetcher.fetchAll(nested.manifests());
      for (Descriptor d : nested.manifests()) {
        collect(fetchedOf(grandChildren, d), fetcher, children, images);
      }
    } else {
      images.add((ImageManifest) manifest);
    }
    children.add(manifest);
  }

  /** The descriptors of an index that a copy takes, per mode; fetching is the caller's. */
  static List<Descriptor> selectChildren(ImageIndex index, CopyOperation op) {
    return switch (op.indexMode) {
      case PRESERVE_ORIGINAL -> index.manifests();
      case SINGLE_PLATFORM -> List.of(index.require(op.platforms.bestMatch()));
      case FILTERED -> filtered(index, op.platforms);
    };
  }

  private static List<Descriptor> filtered(ImageIndex index, PlatformSelection selection) {
    List<Descriptor> chosen = index.manifests().stream()
        .filter(d -> !d.isAttestation() && d.platform().map(selection::selects).orElse(false))
        .toList();
    if (chosen.isEmpty()) {
      throw new PlatformNotFoundException(selection.toString(), index.platforms(), index.digest());
    }
    Set<String> chosenDigests = chosen.stream().map(d -> d.digest().toString()).collect(Collectors.toSet());
    List<Descriptor> withAttestations = new ArrayList<>();
    for (Descriptor d : index.manifests()) {
      boolean attestsChosen = d.isAttestation()
          && d.attestedDigest().map(a -> chosenDigests.contains(a.toString())).orElse(false);
      if (chosen.contains(d) || attestsChosen) {
        withAttestations.add(d);
      }
    }
    return withAttestations;
  }

  /** A new index of the same family holding exactly the chosen children, index annotations kept. */
  static ImageIndex filteredIndex(ImageIndex source, List<Descriptor> children) {
    IndexBuilder builder = source.isDocker() ? IndexBuilder.docker() : IndexBuilder.oci();
    children.forEach(builder::add);
    if (!source.isDocker()) {
      source.annotations().forEach(builder::annotation);
      source.artifactType().ifPresent(builder::artifactType);
    }
    return builder.build();
  }

  /** Distinct blobs of every image, largest first so the longest transfers start first. */
  List<Descriptor> blobs(boolean foreignLayers) {
    Map<String, Descriptor> distinct = new LinkedHashMap<>();
    for (ImageManifest image : images) {
      for (Descriptor blob : image.blobs()) {
        if (foreignLayers || !blob.isForeign()) {
          distinct.putIfAbsent(blob.digest().toString(), blob);
        }
      }
    }
    List<Descriptor> sorted = new ArrayList<>(distinct.values());
    sorted.sort(Comparator.comparingLong(Descriptor::size).reversed());
    return sorted;
  }
}
