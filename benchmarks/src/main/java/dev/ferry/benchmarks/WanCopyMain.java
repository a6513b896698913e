package dev.ferry.benchmarks;

import dev.ferry.copy.CopyResult;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryClient;
import java.nio.file.Path;
import java.util.List;

/**
 * One copy in a fresh JVM from and to HTTPS registries with credentials: the whole-process
 * measurement of {@link WanBenchmark}'s HTTPS variant ({@link CopyMain} serves the plain one).
 *
 * <pre>{@code
 * java -Xmx64m -cp "$(cat benchmarks/target/classpath.txt)" dev.ferry.benchmarks.WanCopyMain \
 *     127.0.0.1:5000/app:1 127.0.0.1:5001/app:1 --all --ca certs/ca.crt --auth auth.json \
 *     --tls-hosts 127.0.0.1:5000,127.0.0.1:5001,127.0.0.1:5002
 * }</pre>
 *
 * <p>Every host must be on loopback. Prints one line (destination digest, bytes uploaded,
 * milliseconds) and exits 0, or prints the error and exits 1 (2 for bad arguments).
 */
public final class WanCopyMain {
  private WanCopyMain() {}

  /**
   * Runs one copy.
   *
   * @param args {@code SRC DST --all|--single --ca PEM --auth AUTH_JSON --tls-hosts HOST,...}: the CA
   *     to trust for each of the hosts (registries and token realm), the credentials as a Docker
   *     {@code auth.json}
   */
  public static void main(String[] args) {
    if (args.length != 9 || !List.of("--all", "--single").contains(args[2]) || !args[3].equals("--ca")
        || !args[5].equals("--auth") || !args[7].equals("--tls-hosts")) {
      System.err.println("usage: WanCopyMain SRC DST --all|--single --ca PEM --auth AUTH_JSON --tls-hosts HOST,...");
      System.exit(2);
    }
    long start = System.nanoTime();
    try {
      ImageReference source = ImageReference.parse(args[0]);
      ImageReference destination = ImageReference.parse(args[1]);
      CopyResult result;
      try (RegistryClient client = WanTls.client(Path.of(args[4]), Path.of(args[6]), List.of(args[8].split(",")))) {
        result = FerryCopies.copy(client, source, destination, args[2].equals("--all"));
      }
      System.out.println(FerryCopies.describe(result, (System.nanoTime() - start) / 1_000_000));
    } catch (RuntimeException e) {
      System.err.println("copy failed: " + e);
      System.exit(1);
    }
  }
}
