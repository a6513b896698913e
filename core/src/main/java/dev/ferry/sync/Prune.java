package dev.ferry.sync;

import dev.ferry.FerryException;
import dev.ferry.manifest.Descriptor;
import dev.ferry.manifest.ImageIndex;
import dev.ferry.manifest.MediaTypes;
import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryClient;
import dev.ferry.registry.RegistryResponseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Deletes destination tags the filter no longer yields, safely: never from an empty pick
 * (a filter that picks nothing, or an empty source), and never a digest that a kept tag
 * of the repository still points at, because registries such as {@code registry:2}
 * delete by digest, which removes every tag of it.
 */
final class Prune {
  private final RegistryClient client;
  private final TagFilter filter;
  private final boolean dryRun;

  Prune(RegistryClient client, TagFilter filter, boolean dryRun) {
    this.client = client;
    this.filter = filter;
    this.dryRun = dryRun;
  }

  /** What pruning does to one repository whose source listing succeeded. */
  List<TagSync> repository(RepositoryPair pair, List<String> picked) {
    if (picked.isEmpty()) {
      return List.of();
    }
    List<String> existing;
    try {
      existing = client.listTags(pair.destination());
    } catch (RegistryResponseException e) {
      if (e.status() == 404) {
        return List.of();
      }
      return List.of(TagSync.failed(pair.source(), pair.destination(), "not pruned: listing the destination failed: "
          + e.getMessage()));
    } catch (FerryException e) {
      Cancellation.rethrowIfInterrupted(e);
      return List.of(TagSync.failed(pair.source(), pair.destination(), "not pruned: listing the destination failed: "
          + e.getMessage()));
    }
    Set<String> keep = Set.copyOf(picked);
    List<String> candidates = existing.stream().filter(t -> !keep.contains(t))
        .filter(t -> filter.includesArtifactTags() || !TagFilter.isArtifactTag(t))
        .toList();
    if (candidates.isEmpty()) {
      return List.of();
    }
    List<TagSync> out = new ArrayList<>();
    Map<Digest, String> kept = keptDigests(pair, existing, keep, out);
    if (kept == null) {
      return out;
    }
    Map<Digest, List<String>> byDigest = new LinkedHashMap<>();
    for (String tag : candidates) {
      ImageReference destination = pair.destination().withTag(tag);
      try {
        Optional<Descriptor> there = client.headManifest(destination);
        there.ifPresent(d -> byDigest.computeIfAbsent(d.digest(), k -> new ArrayList<>()).add(tag));
      } catch (FerryException e) {
        Cancellation.rethrowIfInterrupted(e);
        out.add(TagSync.failed(pair.source().withTag(tag), destination, "not pruned: " + e.getMessage()));
      }
    }
    byDigest.forEach((digest, tags) -> out.addAll(delete(pair, digest, tags, kept)));
    return out;
  }

  /**
   * The destination digests that kept tags point at, directly or as a child of a kept
   * index (deleting a child would break the index), or null (with a failure added) when
   * one cannot be read.
   */
  private @Nullable Map<Digest, String> keptDigests(RepositoryPair pair, List<String> existing, Set<String> keep,
      List<TagSync> out) {
    Map<Digest, String> kept = new HashMap<>();
    for (String tag : existing) {
      if (!keep.contains(tag)) {
        continue;
      }
      ImageReference destination = pair.destination().withTag(tag);
      try {
        Optional<Descriptor> there = client.headManifest(destination);
        if (there.isPresent()) {
          kept.putIfAbsent(there.get().digest(), tag);
          if (MediaTypes.isIndex(there.get().mediaType())
              && client.fetchManifest(pair.destination().withDigest(there.get().digest())) instanceof ImageIndex index) {
            index.manifests().forEach(child -> kept.putIfAbsent(child.digest(), tag + " (as a platform of its index)"));
          }
        }
      } catch (FerryException e) {
        Cancellation.rethrowIfInterrupted(e);
        out.add(TagSync.failed(pair.source(), pair.destination(), "not pruned: the digest of kept tag " + tag
            + " could not be read, so no delete is safe: " + e.getMessage()));
        return null;
      }
    }
    return kept;
  }

  private List<TagSync> delete(RepositoryPair pair, Digest digest, List<String> tags, Map<Digest, String> kept) {
    List<TagSync> out = new ArrayList<>();
    String keeper = kept.get(digest);
    if (keeper != null) {
      for (String tag : tags) {
        out.add(new TagSync(pair.source().withTag(tag), pair.destination().withTag(tag), TagSync.Outcome.KEPT,
            Optional.of(digest), Optional.of("kept tag " + keeper + " points at the same digest, and deleting it"
                + " would break that tag too"), 0));
      }
      return out;
    }
    try {
      if (!dryRun) {
        client.deleteManifest(pair.destination().withDigest(digest));
      }
      for (String tag : tags) {
        out.add(TagSync.of(pair.source().withTag(tag), pair.destination().withTag(tag), TagSync.Outcome.PRUNED,
            digest, 0));
      }
    } catch (FerryException e) {
      Cancellation.rethrowIfInterrupted(e);
      for (String tag : tags) {
        out.add(TagSync.failed(pair.source().withTag(tag), pair.destination().withTag(tag), "not pruned: "
            + e.getMessage()));
      }
    }
    return out;
  }
}
