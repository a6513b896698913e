package dev.ferry.benchmarks;

import dev.ferry.copy.CopyOperation;
import dev.ferry.it.ExternalCommand;
import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Times Ferry's copy against {@code skopeo copy} on two real {@code docker-registry}
 * processes on loopback (issue 5, "Performance"), and prints a Markdown table
 * that it also writes to {@code benchmarks/target/results.md}.
 *
 * <pre>{@code
 * ./mvnw -B -q install -DskipTests
 * java -cp "$(cat benchmarks/target/classpath.txt)" dev.ferry.benchmarks.CopyBenchmark [--runs 3] [--quick]
 * }</pre>
 *
 * <p>Each case runs one warm-up round, then {@code --runs} measured rounds; a round
 * copies the case once by each {@link Method}, in alternating order (ABC, CBA, ...),
 * emptying the destination before every copy of a cold case. Every copy is checked
 * afterwards: the destination must hold the source's manifest digest. Needs
 * {@code docker-registry} and {@code skopeo} (Debian packages) on the PATH.
 */
public final class CopyBenchmark {
  private CopyBenchmark() {}

  /**
   * Runs the benchmark.
   *
   * @param args see {@link Options#USAGE}
   * @throws Exception if a registry, a copy or a check fails
   */
  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Path work = Files.createTempDirectory("ferry-benchmark-");
    AtomicReference<Registries> started = new AtomicReference<>();
    Thread cleanup = new Thread(() -> cleanUp(started.get(), work), "ferry-benchmark-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    log("options: " + options + "; work directory " + work);
    try (Registries registries = Registries.start(work)) {
      started.set(registries);
      log("registries: source " + registries.source() + ", destination " + registries.destination());
      String markdown = run(options, registries, work);
      System.out.println(markdown);
      Files.createDirectories(options.output().toAbsolutePath().getParent());
      Files.writeString(options.output(), markdown, StandardCharsets.UTF_8);
      log("written to " + options.output().toAbsolutePath());
    } finally {
      cleanUp(started.get(), work);
      Runtime.getRuntime().removeShutdownHook(cleanup);
    }
  }

  private static String run(Options options, Registries registries, Path work) throws IOException {
    String loadBefore = loadAverage();
    Sizes sizes = options.sizes();
    List<BenchCase> cases = Fixtures.seed(registries, sizes, options.cases());
    if (options.hold()) {
      hold(registries, cases);
    }
    Report report = new Report();
    try (Copiers copiers = new Copiers(registries, options.jvmOptions())) {
      for (BenchCase c : cases) {
        measure(c, options.runs(), registries, copiers, report);
      }
      if (options.floor()) {
        floor(report.floor("case 1, its " + sizes.bigLayers() + " layers all at once"), options.runs(),
            new RawFloor(registries, copiers.warmClient(), work.resolve("floor-1"), Fixtures.BIG_IMAGE,
                sizes.bigLayers(), sizes.bigLayerSize(), sizes.bigLayers()));
        floor(report.floor("case 3, its " + sizes.manyLayers() + " layers " + CopyOperation.DEFAULT_PARALLELISM
                + " at a time"), options.runs(),
            new RawFloor(registries, copiers.warmClient(), work.resolve("floor-3"), Fixtures.MANY_IMAGE,
                sizes.manyLayers(), sizes.manyLayerSize(), CopyOperation.DEFAULT_PARALLELISM));
      }
      for (int round = 0; round <= options.runs(); round++) {
        long start = System.nanoTime();
        copiers.startup();
        if (round > 0) {
          report.startup().add(System.nanoTime() - start);
        }
      }
    } finally {
      registries.emptyDestination(List.of());
    }
    return report.markdown(header(options, loadBefore), options.runs(), options.jvmOptions());
  }

  /** Prints where everything is, then waits until the process is killed (the shutdown hook cleans up). */
  private static void hold(Registries registries, List<BenchCase> cases) {
    System.out.println("SRC=" + registries.source());
    System.out.println("DST=" + registries.destination());
    System.out.println("DST_STORAGE=" + registries.destinationStorage());
    System.out.println("SRC_PID=" + registries.pids()[0]);
    System.out.println("DST_PID=" + registries.pids()[1]);
    for (BenchCase c : cases) {
      System.out.println("CASE" + c.number() + "=\"" + String.join(" ", c.sources().stream().map(Object::toString).toList())
          + "\"");
    }
    System.out.println("# empty the destination between cold copies: rm -rf \"$DST_STORAGE/docker\"");
    System.out.flush();
    try {
      Thread.sleep(Long.MAX_VALUE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void floor(Samples samples, int runs, RawFloor floor) {
    try (floor) {
      for (int round = 0; round <= runs; round++) {
        long nanos = floor.runOnce();
        log("raw floor " + label(round, runs) + ": " + Samples.seconds(nanos / 1e9));
        if (round > 0) {
          samples.add(nanos);
        }
      }
    }
  }

  private static void measure(BenchCase c, int runs, Registries registries, Copiers copiers, Report report) {
    List<ImageReference> destinations = c.destinations(registries.destination());
    if (!c.cold()) {
      // the no-op case starts from a destination that holds the image, put there untimed
      registries.emptyDestination(destinations);
      for (int i = 0; i < c.sources().size(); i++) {
        FerryCopies.copy(registries.admin(), c.sources().get(i), destinations.get(i), true);
      }
      verify(c, registries, destinations);
    }
    for (int round = 0; round <= runs; round++) {
      List<Method> order = round % 2 == 0 ? List.of(Method.values()) : reversed(List.of(Method.values()));
      for (Method method : order) {
        if (c.cold()) {
          registries.emptyDestination(destinations);
        }
        double[] registriesBefore = registries.cpuSeconds();
        double selfBefore = Cpu.ofProcess(ProcessHandle.current().pid());
        double childrenBefore = Cpu.ofReapedChildren();
        long start = System.nanoTime();
        Copiers.Outcome outcome = copiers.run(method, c);
        long nanos = System.nanoTime() - start;
        double[] registriesAfter = registries.cpuSeconds();
        double copier = method == Method.FERRY_IN_PROCESS
            ? Cpu.ofProcess(ProcessHandle.current().pid()) - selfBefore
            : Cpu.ofReapedChildren() - childrenBefore;
        double[] cpu = {copier, registriesAfter[0] - registriesBefore[0], registriesAfter[1] - registriesBefore[1]};
        verify(c, registries, destinations);
        if (!c.cold() && outcome.results().stream().anyMatch(r -> !r.upToDate())) {
          log("warning: case " + c.number() + ": Ferry did not report the no-op copy as up to date");
        }
        log("case " + c.number() + " " + label(round, runs) + " " + method.label() + ": "
            + Samples.seconds(nanos / 1e9) + String.format(Locale.ROOT, " (CPU s: copier %.2f, source %.2f, destination %.2f)",
                cpu[0], cpu[1], cpu[2]) + (outcome.said().isEmpty() ? "" : " [" + outcome.said() + "]"));
        if (round > 0) {
          report.samples(c, method).add(nanos);
          report.cpu(c, method).add(cpu);
        }
      }
    }
  }

  private static void verify(BenchCase c, Registries registries, List<ImageReference> destinations) {
    for (int i = 0; i < destinations.size(); i++) {
      Optional<Digest> found = registries.admin().headManifest(destinations.get(i)).map(d -> d.digest());
      if (!found.equals(Optional.of(c.digests().get(i)))) {
        throw new IllegalStateException("case " + c.number() + ": expected " + c.digests().get(i) + " at "
            + destinations.get(i) + ", found " + found.map(Digest::toString).orElse("nothing"));
      }
    }
  }

  private static List<String> header(Options options, String loadBefore) {
    List<String> lines = new ArrayList<>();
    lines.add("Date: " + LocalDate.now() + "; machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
        + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", Java "
        + System.getProperty("java.runtime.version") + ".");
    lines.add("Peers: " + version("skopeo", "--version") + "; " + version("docker-registry", "--version")
        + ", filesystem storage, both on 127.0.0.1.");
    lines.add("Sizes: " + options.sizes().name() + ". Whole-process Ferry runs with `"
        + String.join(" ", options.jvmOptions()) + "`; in-process Ferry reuses one `RegistryClient` across runs; bulk copies run "
        + FerryCopies.BULK_CONCURRENCY + " images at a time (skopeo: one run per image, in sequence).");
    lines.add("Load average (1, 5, 15 min) before: " + loadBefore + "; after: " + loadAverage()
        + " (other work on the machine skews the times).");
    lines.add("Cold cases empty the destination before every copy (its storage tree deleted while idle, then "
        + "checked empty); case 2 copies case 1 onto a destination that already holds it.");
    return lines;
  }

  static String version(String tool, String flag) {
    try {
      String out = ExternalCommand.run(Duration.ofSeconds(30), List.of(tool, flag)).out().trim();
      return out.isEmpty() ? "(unknown version)" : out.lines().findFirst().orElse(out);
    } catch (RuntimeException | AssertionError e) {
      return "(unknown version)";
    }
  }

  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).trim().split(" ");
      return String.join(" ", List.of(fields).subList(0, Math.min(3, fields.length)));
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static String label(int round, int runs) {
    return round == 0 ? "warm-up" : "run " + round + "/" + runs;
  }

  private static <T> List<T> reversed(List<T> list) {
    List<T> copy = new ArrayList<>(list);
    java.util.Collections.reverse(copy);
    return copy;
  }

  private static void cleanUp(Registries registries, Path work) {
    if (registries != null) {
      registries.close();
    }
    Fixtures.deleteTree(work);
  }

  static void log(String message) {
    System.err.println("[bench] " + message);
  }
}
