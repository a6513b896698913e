package dev.ferry.sync;

import dev.ferry.reference.ImageReference;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Which worker of a fleet owns a source repository: the first 8 bytes of the SHA-256 of
 * {@code registry/repository}, modulo the worker count. The same on every machine and
 * JVM, so workers split a registry without talking to each other.
 */
final class Shards {
  private Shards() {}

  static void check(int index, int count) {
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException("shard(index, count) needs 0 <= index < count and count >= 1: shard("
          + index + ", " + count + ")");
    }
  }

  static int owner(ImageReference sourceRepository, int count) {
    String key = sourceRepository.registry() + "/" + sourceRepository.repository();
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return (int) Math.floorMod(ByteBuffer.wrap(hash).getLong(), (long) count);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
