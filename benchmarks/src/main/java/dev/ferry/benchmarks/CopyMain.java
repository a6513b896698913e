package dev.ferry.benchmarks;

import dev.ferry.copy.CopyResult;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryClient;
import java.util.List;

/**
 * One copy in a fresh JVM, as a build step runs it: the whole-process
 * measurement of {@link CopyBenchmark} times this {@code main} from JVM start to exit.
 *
 * <pre>{@code
 * java -Xmx64m -cp "$(cat benchmarks/target/classpath.txt)" dev.ferry.benchmarks.CopyMain \
 *     127.0.0.1:5000/app:1 127.0.0.1:5001/app:1 --all
 * }</pre>
 *
 * <p>Both registries must be on loopback and speak plain HTTP. Prints one line
 * (destination digest, bytes uploaded, milliseconds) and exits 0, or prints the
 * error and exits 1 (2 for bad arguments). {@code --startup} only builds and
 * closes a client: JVM start and class loading, no copy.
 */
public final class CopyMain {
  private CopyMain() {}

  /**
   * Runs one copy.
   *
   * @param args {@code SRC DST [--all|--single]}: {@code --all} (the default) copies every
   *     platform and keeps the index; {@code --single} takes this host's platform only
   */
  public static void main(String[] args) {
    if (args.length == 1 && args[0].equals("--startup")) {
      Loopback.client(List.of()).close();
      System.out.println("startup");
      return;
    }
    if (args.length < 2 || args.length > 3 || args.length == 3 && !List.of("--all", "--single").contains(args[2])) {
      System.err.println("usage: CopyMain SRC DST [--all|--single] | CopyMain --startup");
      System.exit(2);
    }
    long start = System.nanoTime();
    try {
      ImageReference source = ImageReference.parse(args[0]);
      ImageReference destination = ImageReference.parse(args[1]);
      boolean all = args.length < 3 || args[2].equals("--all");
      CopyResult result;
      try (RegistryClient client = Loopback.client(List.of(source, destination))) {
        result = FerryCopies.copy(client, source, destination, all);
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      System.out.println(result.digest() + " " + result.bytesTransferred() + " bytes " + millis + " ms"
          + (result.upToDate() ? " (up to date)" : "") + " blobs copied/skipped/mounted " + result.blobsCopied()
          + "/" + result.blobsSkipped() + "/" + result.blobsMounted());
    } catch (RuntimeException e) {
      System.err.println("copy failed: " + e);
      System.exit(1);
    }
  }
}
