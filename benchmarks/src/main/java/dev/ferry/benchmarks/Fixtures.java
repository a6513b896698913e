package dev.ferry.benchmarks;

import dev.ferry.manifest.Manifest;
import dev.ferry.manifest.Platform;
import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/** Seeds the source registry with every case's images and describes the cases. */
final class Fixtures {
  /** Generated-content image numbers: each image's layers come from its own seeds. */
  static final long BIG_IMAGE = 1;
  static final long MANY_IMAGE = 2;
  private static final long INDEX_IMAGES = 10;
  private static final long BULK_IMAGES = 100;

  private Fixtures() {}

  static List<BenchCase> seed(Registries registries, Sizes sizes, Set<Integer> wanted) {
    String src = registries.source();
    Platform amd64 = Platform.parse("linux/amd64");
    List<BenchCase> cases = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "ferry-benchmark-seed");
      t.setDaemon(true);
      return t;
    });
    try {
      Seeder seeder = new Seeder(registries.admin(), pool);
      long start = System.nanoTime();
      if (wanted.contains(1) || wanted.contains(2)) {
        ImageReference big = ImageReference.of(src, "bench/big", "1");
        Manifest m = seeder.pushImage(big, amd64, BIG_IMAGE, sizes.bigLayers(), sizes.bigLayerSize());
        if (wanted.contains(1)) {
          cases.add(new BenchCase(1, "cold copy", sizes.describeBig(), true, false, List.of(big),
              List.of(m.digest()), new Target(Method.FERRY_PROCESS, 0.75)));
        }
        if (wanted.contains(2)) {
          cases.add(new BenchCase(2, "no-op (destination has it)", sizes.describeBig(), false, false, List.of(big),
              List.of(m.digest()), new Target(Method.FERRY_IN_PROCESS, 0.5)));
        }
      }
      if (wanted.contains(3)) {
        ImageReference many = ImageReference.of(src, "bench/many", "1");
        Manifest m = seeder.pushImage(many, amd64, MANY_IMAGE, sizes.manyLayers(), sizes.manyLayerSize());
        cases.add(new BenchCase(3, "cold copy, many small layers", sizes.describeMany(), true, false, List.of(many),
            List.of(m.digest()), new Target(Method.FERRY_IN_PROCESS, 0.5)));
      }
      if (wanted.contains(4)) {
        ImageReference multi = ImageReference.of(src, "bench/multi", "1");
        Manifest m = seeder.pushIndex(multi, sizes.platforms(), INDEX_IMAGES, sizes.platformLayers(),
            sizes.platformLayerSize());
        cases.add(new BenchCase(4, "cold copy, multi-platform index (skopeo `--all`)", sizes.describeIndex(), true,
            true, List.of(multi), List.of(m.digest()), new Target(Method.FERRY_IN_PROCESS, 0.5)));
      }
      if (wanted.contains(5)) {
        List<ImageReference> images = new ArrayList<>();
        List<Digest> digests = new ArrayList<>();
        for (int i = 0; i < sizes.bulkImages(); i++) {
          ImageReference ref = ImageReference.of(src, String.format("bench/small-%02d", i), "1");
          images.add(ref);
          digests.add(seeder.pushImage(ref, amd64, BULK_IMAGES + i, sizes.bulkLayers(), sizes.bulkLayerSize())
              .digest());
        }
        cases.add(new BenchCase(5, "bulk copy (skopeo: one run per image)", sizes.describeBulk(), true, false,
            images, digests, new Target(Method.FERRY_PROCESS, 0.3)));
      }
      CopyBenchmark.log("seeded the source in " + Samples.seconds((System.nanoTime() - start) / 1e9));
      return cases;
    } finally {
      pool.shutdownNow();
    }
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> tree = Files.walk(root)) {
      for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      CopyBenchmark.log("could not delete " + root + ": " + e);
    }
  }
}
