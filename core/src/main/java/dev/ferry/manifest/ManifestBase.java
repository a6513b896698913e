package dev.ferry.manifest;

import dev.ferry.reference.Digest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import org.jspecify.annotations.Nullable;

/**
 * What both manifest kinds share: the exact bytes, their digest and the top-level
 * fields. Equality is by media type and bytes, since bytes are the truth. It does not
 * implement {@link Manifest} itself, so that the sealed interface permits exactly the two kinds.
 */
abstract class ManifestBase {
  final ManifestFields fields;

  ManifestBase(ManifestFields fields) {
    this.fields = fields;
  }

  /** The descriptors this kind points to besides the subject: its blobs, or its children. */
  abstract List<Descriptor> targets();

  public final String mediaType() {
    return fields.mediaType();
  }

  public final Digest digest() {
    return fields.digest();
  }

  public final long size() {
    return fields.bytes().length;
  }

  public final byte[] bytes() {
    return fields.bytes().clone();
  }

  public final int schemaVersion() {
    return fields.schemaVersion();
  }

  public final SortedMap<String, String> annotations() {
    return fields.annotations();
  }

  public final Optional<Descriptor> subject() {
    return Optional.ofNullable(fields.subject());
  }

  public final Optional<String> artifactType() {
    return Optional.ofNullable(fields.artifactType());
  }

  public final List<Descriptor> references() {
    List<Descriptor> all = new ArrayList<>(targets());
    subject().ifPresent(all::add);
    return List.copyOf(all);
  }

  /**
   * Equal to a manifest of the same class with the same media type and the same bytes.
   *
   * @since 0.1
   */
  @Override
  public final boolean equals(@Nullable Object o) {
    return o instanceof ManifestBase m && getClass() == m.getClass()
        && mediaType().equals(m.mediaType()) && Arrays.equals(fields.bytes(), m.fields.bytes());
  }

  @Override
  public final int hashCode() {
    return fields.digest().hashCode();
  }
}
