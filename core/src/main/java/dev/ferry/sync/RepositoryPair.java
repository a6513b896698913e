package dev.ferry.sync;

import dev.ferry.reference.ImageReference;

/** A source repository and the destination repository it is mirrored into (neither has a tag or digest). */
record RepositoryPair(ImageReference source, ImageReference destination) {
  RepositoryPair {
    source = source.withoutTag().withoutDigest();
    destination = destination.withoutTag().withoutDigest();
  }
}
