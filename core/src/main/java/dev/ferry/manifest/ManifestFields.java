package dev.ferry.manifest;

import dev.ferry.reference.Digest;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** The parts every manifest kind has: its bytes and their digest, and the top-level fields they share. */
record ManifestFields(String mediaType, byte[] bytes, Digest digest, int schemaVersion,
    SortedMap<String, String> annotations, @Nullable Descriptor subject, @Nullable String artifactType) {
  ManifestFields {
    annotations = Collections.unmodifiableSortedMap(new TreeMap<>(annotations));
  }
}
