package dev.ferry.benchmarks;

import dev.ferry.it.DockerRegistryProcess;
import dev.ferry.it.PushedImages;
import dev.ferry.it.Skopeo;
import dev.ferry.it.TwoRegistries;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryClient;
import dev.ferry.registry.RetryPolicy;
import dev.ferry.sync.Mirror;
import dev.ferry.sync.SyncReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Issue 12's mirror figures, on two real {@code docker-registry} processes: (1) re-sync of an
 * up-to-date mirror of 100 tags, Ferry's {@code Mirror.sync} in-process against
 * {@code skopeo sync}, time and requests per registry (from their access logs); (2) a cold sync
 * of 20 tags whose images share one base layer, bytes Ferry uploaded against the unique bytes.
 *
 * <pre>{@code java -cp "$(cat benchmarks/target/classpath.txt)" dev.ferry.benchmarks.SyncBenchmark --runs 5}</pre>
 */
public final class SyncBenchmark {
  private static final int TAGS = 100;
  private static final int SHARED_TAGS = 20;
  private static final int BASE_LAYER = 8 * 1024 * 1024;
  private static final int OWN_LAYER = 64 * 1024;

  private SyncBenchmark() {}

  /**
   * Runs both measurements and prints a Markdown table.
   *
   * @param args {@code --runs N} (default 3)
   * @throws IOException if the work directory cannot be made
   */
  public static void main(String[] args) throws IOException {
    int runs = args.length == 2 && args[0].equals("--runs") ? Integer.parseInt(args[1]) : 3;
    Skopeo skopeo = Skopeo.require();
    Path work = Files.createTempDirectory("ferry-sync-bench");
    try (TwoRegistries registries = TwoRegistries.start(work, RetryPolicy.defaults())) {
      DockerRegistryProcess source = registries.source();
      DockerRegistryProcess destination = registries.destination();
      RegistryClient client = registries.client();
      ImageReference app = ImageReference.parse(source.address() + "/bench/app");
      byte[] base = PushedImages.random(256 * 1024, 1);
      for (int i = 0; i < TAGS; i++) {
        PushedImages.push(client, app.withTag("1." + i + ".0"), "tag " + i, base, PushedImages.random(4096, 100 + i));
      }
      System.err.println("seeded " + TAGS + " tags");
      Mirror mirror = Mirror.builder().repository(app, ImageReference.parse(destination.address() + "/ferry/app"))
          .build();
      SyncReport cold = mirror.sync(client);
      require(cold.copied() == TAGS, "Ferry's cold sync: " + cold);
      String[] skopeoSync = {"sync", "--src", "docker", "--dest", "docker", "--src-tls-verify=false",
          "--dest-tls-verify=false", app.toString(), destination.address() + "/skopeo"};
      skopeo.ok(skopeoSync);

      Samples ferry = new Samples();
      Samples theirs = new Samples();
      String ferryRequests = "";
      String skopeoRequests = "";
      for (int round = 0; round <= runs; round++) {
        List<String> srcBefore = source.requests();
        List<String> dstBefore = destination.requests();
        long start = System.nanoTime();
        SyncReport again = mirror.sync(client);
        long ferryNanos = System.nanoTime() - start;
        require(again.upToDate() == TAGS, "Ferry's re-sync: " + again);
        List<String> srcMiddle = source.requests();
        List<String> dstMiddle = destination.requests();
        start = System.nanoTime();
        skopeo.ok(skopeoSync);
        long skopeoNanos = System.nanoTime() - start;
        if (round > 0) {   // round 0 warms up
          ferry.add(ferryNanos);
          theirs.add(skopeoNanos);
          ferryRequests = count(srcMiddle.subList(srcBefore.size(), srcMiddle.size())) + " / "
              + count(dstMiddle.subList(dstBefore.size(), dstMiddle.size()));
          List<String> srcAfter = source.requests();
          List<String> dstAfter = destination.requests();
          skopeoRequests = count(srcAfter.subList(srcMiddle.size(), srcAfter.size())) + " / "
              + count(dstAfter.subList(dstMiddle.size(), dstAfter.size()));
        }
      }

      ImageReference shared = ImageReference.parse(source.address() + "/bench/shared");
      byte[] big = PushedImages.random(BASE_LAYER, 2);
      long unique = BASE_LAYER;
      for (int i = 0; i < SHARED_TAGS; i++) {
        PushedImages.push(client, shared.withTag("v" + i), "shared " + i, big, PushedImages.random(OWN_LAYER, 500 + i));
        unique += OWN_LAYER;
      }
      long configs = 0;
      for (int i = 0; i < SHARED_TAGS; i++) {
        configs += ((dev.ferry.manifest.ImageManifest) client.fetchManifest(shared.withTag("v" + i))).config().size();
      }
      unique += configs;
      long start = System.nanoTime();
      SyncReport sharedCold = Mirror.builder()
          .repository(shared, ImageReference.parse(destination.address() + "/ferry/shared")).build().sync(client);
      long sharedNanos = System.nanoTime() - start;
      require(sharedCold.copied() == SHARED_TAGS, "shared cold sync: " + sharedCold);
      start = System.nanoTime();
      skopeo.ok("sync", "--src", "docker", "--dest", "docker", "--src-tls-verify=false", "--dest-tls-verify=false",
          shared.toString(), destination.address() + "/skopeo");
      long skopeoSharedNanos = System.nanoTime() - start;

      System.out.println("| measurement | Ferry `Mirror.sync`, in-process | `skopeo sync` | Ferry ÷ skopeo |");
      System.out.println("|---|---|---|---|");
      System.out.printf(Locale.ROOT, "| re-sync, %d tags up to date (median of %d) | %s | %s | %.2f× |%n", TAGS, runs,
          ferry.describe(), theirs.describe(), ferry.median() / theirs.median());
      System.out.printf(Locale.ROOT, "| requests of one re-sync, source / destination | %s | %s | |%n",
          ferryRequests, skopeoRequests);
      System.out.printf(Locale.ROOT, "| cold sync, %d tags sharing an %d MiB base layer (one run) | %s | %s | %.2f× |%n",
          SHARED_TAGS, BASE_LAYER >> 20, Samples.seconds(sharedNanos / 1e9), Samples.seconds(skopeoSharedNanos / 1e9),
          (double) sharedNanos / skopeoSharedNanos);
      System.out.printf(Locale.ROOT, "| bytes uploaded by that cold sync / unique bytes | %d / %d (%.3f×) | | |%n",
          sharedCold.bytesMoved(), unique, (double) sharedCold.bytesMoved() / unique);
    }
  }

  /** {@code 101 (GET 1, HEAD 100)}. */
  private static String count(List<String> requests) {
    return requests.size() + " " + requests.stream().collect(java.util.stream.Collectors.groupingBy(r -> r.substring(0, r.indexOf(' ')),
        java.util.TreeMap::new, java.util.stream.Collectors.counting())).toString();
  }

  private static void require(boolean condition, String what) {
    if (!condition) {
      throw new IllegalStateException("unexpected result: " + what);
    }
  }
}
