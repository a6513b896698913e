package dev.ferry.internal.image;

import dev.ferry.reference.ImageReference;
import java.util.Map;

/**
 * The names Docker gives an image in an archive: {@code RepoTags} in its familiar form
 * ({@code nginx:1.27}), and in the OCI part the full name and the tag, as {@code docker save} writes them.
 *
 * @param reference the image reference, with a tag
 */
record DockerNames(ImageReference reference) {
  static DockerNames of(String name) {
    ImageReference parsed = ImageReference.parse(name);
    ImageReference tagged = parsed.tag().isPresent() ? parsed.withoutDigest() : parsed.withoutDigest().withDefaultTag();
    return new DockerNames(tagged);
  }

  String repoTag() {
    return reference.familiarString();
  }

  String tag() {
    return reference.tag().orElse(ImageReference.DEFAULT_TAG);
  }

  Map<String, String> annotations() {
    return Map.of(LayoutIndex.CONTAINERD_NAME, reference.toString(), LayoutIndex.REF_NAME, tag());
  }
}
