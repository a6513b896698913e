package dev.ferry.benchmarks;

import dev.ferry.manifest.Manifest;
import dev.ferry.manifest.Platform;
import dev.ferry.reference.ImageReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The wide-area cases of issue 14, seeded into a site's source registry. The goals are
 * Ferry in-process against skopeo in the same run: issue 14 asks for 0.6× (small image)
 * and 0.5× (index, 50 layers, no-op) of the best peer, with crane at 0.67× and 0.35× of skopeo in
 * its table, so against skopeo: small ≤ 0.4×, index ≤ 0.17×, 50 layers ≤ 0.5×, no-op ≤ 0.22×;
 * for 1 GiB on loopback, 0.85× of crane's 0.76× of skopeo, so ≤ 0.65×.
 */
final class WanFixtures {
  static final int CASES = 5;
  private static final long SMALL_IMAGE = 200;
  private static final long INDEX_IMAGES = 210;
  private static final long MANY_IMAGE = 220;
  private static final long BIG_IMAGE = 230;
  private static final Platform AMD64 = Platform.parse("linux/amd64");
  private static final List<Platform> FOUR_PLATFORMS = List.of(AMD64, Platform.parse("linux/arm64"),
      Platform.parse("linux/arm/v7"), Platform.parse("linux/ppc64le"));

  private WanFixtures() {}

  /**
   * Seeds the wanted cases (1 small image, 2 index, 3 many layers, 4 no-op, 5 1 GiB on loopback;
   * 5 only if {@code loopbackCase}).
   */
  static List<WanCase> seed(WanSite site, Set<Integer> wanted, boolean quick, boolean loopbackCase) {
    String src = site.registries().source();
    ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "ferry-benchmark-seed");
      t.setDaemon(true);
      return t;
    });
    List<WanCase> cases = new ArrayList<>();
    try {
      Seeder seeder = new Seeder(site.registries().admin(), pool);
      if (wanted.contains(1) || wanted.contains(4)) {
        ImageReference small = ImageReference.of(src, "wan/small", "1");
        Manifest m = seeder.pushImage(small, AMD64, SMALL_IMAGE, 3, 2 * Sizes.MIB);
        if (wanted.contains(1)) {
          cases.add(new WanCase(new BenchCase(1, "small image, cold", "1 image, 3 × 2 MiB layers", true, false,
              List.of(small), List.of(m.digest()), new Target(Method.FERRY_IN_PROCESS, 0.4)), false));
        }
        if (wanted.contains(4)) {
          cases.add(new WanCase(new BenchCase(4, "no-op re-copy", "case 1's image, already at the destination", false,
              false, List.of(small), List.of(m.digest()), new Target(Method.FERRY_IN_PROCESS, 0.22)), false));
        }
      }
      if (wanted.contains(2)) {
        ImageReference multi = ImageReference.of(src, "wan/multi", "1");
        Manifest m = seeder.pushIndex(multi, FOUR_PLATFORMS, INDEX_IMAGES, 3, 2 * Sizes.MIB);
        cases.add(new WanCase(new BenchCase(2, "4-platform index, cold (skopeo `--all`)",
            "OCI index of 4 platforms, each 3 × 2 MiB layers", true, true, List.of(multi), List.of(m.digest()),
            new Target(Method.FERRY_IN_PROCESS, 0.17)), false));
      }
      if (wanted.contains(3)) {
        ImageReference many = ImageReference.of(src, "wan/many", "1");
        Manifest m = seeder.pushImage(many, AMD64, MANY_IMAGE, 50, 100 * Sizes.KIB);
        cases.add(new WanCase(new BenchCase(3, "50 small layers, cold", "1 image, 50 × 100 KiB layers", true, false,
            List.of(many), List.of(m.digest()), new Target(Method.FERRY_IN_PROCESS, 0.5)), false));
      }
      if (wanted.contains(5) && loopbackCase) {
        ImageReference big = ImageReference.of(src, "wan/big", "1");
        long layer = quick ? 8 * Sizes.MIB : 128 * Sizes.MIB;
        Manifest m = seeder.pushImage(big, AMD64, BIG_IMAGE, 8, layer);
        cases.add(new WanCase(new BenchCase(5, "big image on loopback (no delay), cold",
            "1 image, 8 × " + Sizes.bytes(layer) + " layers", true, false, List.of(big), List.of(m.digest()),
            new Target(Method.FERRY_IN_PROCESS, 0.65)), true));
      }
      cases.sort(java.util.Comparator.comparingInt(c -> c.bench().number()));
      return cases;
    } finally {
      pool.shutdownNow();
    }
  }
}
