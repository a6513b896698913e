package dev.ferry.benchmarks;

import dev.ferry.copy.BulkResult;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One bulk copy in a fresh JVM (case 5 of {@link CopyBenchmark}, whole process).
 *
 * <pre>{@code
 * java -Xmx64m -cp "$(cat benchmarks/target/classpath.txt)" dev.ferry.benchmarks.BulkMain \
 *     127.0.0.1:5001/mirror 127.0.0.1:5000/a:1 127.0.0.1:5000/b:1
 * }</pre>
 *
 * <p>Each source goes to the same repository path and tag under the destination
 * prefix ({@code registry[/path]}), four images at a time. Loopback, plain HTTP
 * only. Prints one summary line and exits 0, or 1 if any image failed (2 for bad arguments).
 */
public final class BulkMain {
  private BulkMain() {}

  /**
   * Runs one bulk copy.
   *
   * @param args {@code DST_PREFIX SRC...}
   */
  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println("usage: BulkMain DST_PREFIX SRC...");
      System.exit(2);
    }
    long start = System.nanoTime();
    try {
      String prefix = args[0];
      Loopback.requireLoopback(prefix.contains("/") ? prefix.substring(0, prefix.indexOf('/')) : prefix);
      List<ImageReference> sources = Arrays.stream(args, 1, args.length).map(ImageReference::parse).toList();
      List<ImageReference> all = new ArrayList<>(sources);
      all.add(ImageReference.parse(prefix + "/probe"));
      BulkResult result;
      try (RegistryClient client = Loopback.client(all)) {
        result = FerryCopies.bulk(client, sources, FerryCopies.under(prefix));
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      System.out.println(sources.size() + " images " + millis + " ms: " + result.copied() + " copied, "
          + result.upToDate() + " up to date, " + result.failed() + " failed");
    } catch (RuntimeException e) {
      System.err.println("bulk copy failed: " + e);
      System.exit(1);
    }
  }
}
