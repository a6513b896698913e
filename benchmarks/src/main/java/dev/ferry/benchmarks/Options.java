package dev.ferry.benchmarks;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The harness's command line.
 *
 * @param runs measured runs per case and method, after one warm-up
 * @param sizes full sizes, or the small ones of {@code --quick}
 * @param cases the case numbers to run
 * @param floor whether to measure the raw upload floor
 * @param output where the Markdown table goes
 * @param jvmOptions the options of the whole-process JVM
 * @param hold seed the cases, print where they are, and keep the registries up until killed (for profiling by hand)
 */
record Options(int runs, Sizes sizes, Set<Integer> cases, boolean floor, Path output, List<String> jvmOptions,
    boolean hold) {
  static final String USAGE = "usage: CopyBenchmark [--runs N (1-20, default 3)] [--quick] [--cases 1,2,3,4,5]"
      + " [--no-floor] [--output FILE (default benchmarks/target/results.md)]"
      + " [--jvm \"OPTIONS\" (whole-process JVM options, default -Xmx64m)]"
      + " [--hold (seed, print the registries and images, keep them up until killed; measures nothing)]";

  static Options parse(String[] args) {
    int runs = 3;
    Sizes sizes = Sizes.full();
    Set<Integer> cases = new TreeSet<>(Set.of(1, 2, 3, 4, 5));
    boolean floor = true;
    boolean hold = false;
    Path output = defaultOutput();
    List<String> jvmOptions = Copiers.DEFAULT_JVM_OPTIONS;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--runs" -> runs = Integer.parseInt(value(args, ++i));
        case "--quick" -> sizes = Sizes.quick();
        case "--no-floor" -> floor = false;
        case "--hold" -> hold = true;
        case "--output" -> output = Path.of(value(args, ++i));
        case "--jvm" -> jvmOptions = List.of(value(args, ++i).trim().split("\\s+"));
        case "--cases" -> {
          cases = new TreeSet<>();
          for (String n : value(args, ++i).split(",")) {
            cases.add(Integer.parseInt(n.trim()));
          }
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + USAGE);
      }
    }
    if (runs < 1 || runs > 20) {
      throw new IllegalArgumentException("--runs must be 1 to 20\n" + USAGE);
    }
    if (cases.isEmpty() || !Set.of(1, 2, 3, 4, 5).containsAll(cases)) {
      throw new IllegalArgumentException("--cases takes numbers 1 to 5\n" + USAGE);
    }
    return new Options(runs, sizes, Set.copyOf(cases), floor, output, jvmOptions, hold);
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value\n" + USAGE);
    }
    return args[i];
  }

  /** {@code target/results.md} beside {@code target/classes} (or the jar) this class was loaded from. */
  private static Path defaultOutput() {
    try {
      Path location = Path.of(CopyBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return location.getParent().resolve("results.md");
    } catch (java.net.URISyntaxException | RuntimeException e) {
      return Path.of("results.md");
    }
  }

  @Override
  public String toString() {
    return "runs=" + runs + " sizes=" + sizes.name() + " cases=" + new TreeSet<>(cases) + " floor=" + floor
        + " output=" + output + " jvm=" + String.join(" ", jvmOptions) + (hold ? " hold" : "");
  }
}
