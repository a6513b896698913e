package dev.ferry.benchmarks;

import dev.ferry.manifest.Platform;
import java.util.List;

/**
 * The fixture sizes of every case. {@link #full()} is what issue 5 asks for;
 * {@link #quick()} keeps the shapes (layer and image counts) with small layers,
 * for a smoke run of the harness.
 */
record Sizes(String name, int bigLayers, long bigLayerSize, int manyLayers, long manyLayerSize,
    List<Platform> platforms, int platformLayers, long platformLayerSize,
    int bulkImages, int bulkLayers, long bulkLayerSize) {
  static final long KIB = 1024;
  static final long MIB = 1024 * KIB;

  private static final List<Platform> FOUR_PLATFORMS = List.of(Platform.parse("linux/amd64"),
      Platform.parse("linux/arm64"), Platform.parse("linux/arm/v7"), Platform.parse("linux/ppc64le"));

  /** Case 1: 8 × 128 MiB; case 3: 50 × 100 KiB; case 4: 4 platforms × 4 × 8 MiB; case 5: 20 images × 3 × 1 MiB. */
  static Sizes full() {
    return new Sizes("full", 8, 128 * MIB, 50, 100 * KIB, FOUR_PLATFORMS, 4, 8 * MIB, 20, 3, MIB);
  }

  /** Same counts, small layers: case 1 8 × 8 MiB, case 4 4 × 4 × 1 MiB, case 5 20 × 3 × 64 KiB. */
  static Sizes quick() {
    return new Sizes("quick", 8, 8 * MIB, 50, 100 * KIB, FOUR_PLATFORMS, 4, MIB, 20, 3, 64 * KIB);
  }

  static String bytes(long n) {
    if (n >= MIB && n % MIB == 0) {
      return n / MIB + " MiB";
    }
    if (n >= KIB && n % KIB == 0) {
      return n / KIB + " KiB";
    }
    return n + " B";
  }

  String describeBig() {
    return "1 image, " + bigLayers + " × " + bytes(bigLayerSize) + " layers";
  }

  String describeMany() {
    return "1 image, " + manyLayers + " × " + bytes(manyLayerSize) + " layers";
  }

  String describeIndex() {
    return "OCI index of " + platforms.size() + " platforms, each " + platformLayers + " × "
        + bytes(platformLayerSize) + " layers";
  }

  String describeBulk() {
    return bulkImages + " images, each " + bulkLayers + " × " + bytes(bulkLayerSize) + " layers";
  }
}
