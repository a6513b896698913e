package dev.ferry.sync;

import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Which worker of a fleet owns a source repository: the first 8 bytes (a signed big-endian
 * long) of the SHA-256 of the repository path, modulo the worker count (floor modulo). The
 * same on every machine and JVM, so workers split a registry without talking to each other.
 *
 * <p>The key is the path alone, not the registry host: workers whose configurations spell
 * one source registry differently ({@code docker.io}, {@code index.docker.io},
 * {@code registry-1.docker.io}, {@code quay.io} or {@code quay.io:443}, a host by name or by
 * address) still agree. On Docker Hub's API host a one-component path is keyed as
 * {@code library/<name>}, as {@code docker.io} normalises it. Repositories with the same path
 * on two registries go to the same worker, which keeps the split complete and disjoint.
 */
final class Shards {
  private static final String DOCKER_HUB_API = ImageReference.apiHost("docker.io");
  private static final String OFFICIAL = "library/";

  private Shards() {}

  static void check(int index, int count) {
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException("shard(index, count) needs 0 <= index < count and count >= 1: shard("
          + index + ", " + count + ")");
    }
  }

  static int owner(ImageReference sourceRepository, int count) {
    String path = sourceRepository.repository();
    String host = sourceRepository.registry().toLowerCase(Locale.ROOT);
    String key = host.equals(DOCKER_HUB_API) && path.indexOf('/') < 0 ? OFFICIAL + path : path;
    byte[] hash = HexFormat.of().parseHex(Digest.sha256(key.getBytes(StandardCharsets.UTF_8)).hex());
    return (int) Math.floorMod(ByteBuffer.wrap(hash).getLong(), (long) count);
  }
}
