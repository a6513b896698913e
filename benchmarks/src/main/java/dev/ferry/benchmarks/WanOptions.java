package dev.ferry.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@link WanBenchmark}'s command line.
 *
 * @param runs measured runs per case and method, after one warm-up
 * @param rtt the round trip each link adds
 * @param variants plain HTTP, HTTPS with token auth, or both
 * @param cases the case numbers to run (1 to {@value WanFixtures#CASES})
 * @param quick case 5 with 8 MiB layers instead of 128 MiB
 * @param output where the Markdown goes
 * @param jvmOptions the options of the whole-process JVM
 * @param trace print every request of every copy, and its longest chain, to stderr
 */
record WanOptions(int runs, Duration rtt, Set<Variant> variants, Set<Integer> cases, boolean quick, Path output,
    List<String> jvmOptions, boolean trace) {
  static final String USAGE = "usage: WanBenchmark [--runs N (1-20, default 3)] [--rtt MS (default 50)]"
      + " [--variants plain,tls (default both)] [--cases 1,2,3,4,5] [--quick (case 5 with 8 MiB layers)]"
      + " [--output FILE (default benchmarks/target/wan-results.md)] [--jvm \"OPTIONS\" (default -Xmx64m)]"
      + " [--trace (every request of every copy, and its longest chain, on stderr)]";

  static WanOptions parse(String[] args) {
    int runs = 3;
    Duration rtt = Duration.ofMillis(50);
    Set<Variant> variants = EnumSet.allOf(Variant.class);
    Set<Integer> cases = new TreeSet<>(Set.of(1, 2, 3, 4, 5));
    boolean quick = false;
    boolean trace = false;
    Path output = Path.of("benchmarks", "target", "wan-results.md");
    List<String> jvmOptions = Copiers.DEFAULT_JVM_OPTIONS;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--runs" -> runs = Integer.parseInt(value(args, ++i));
        case "--rtt" -> rtt = Duration.ofMillis(Long.parseLong(value(args, ++i)));
        case "--quick" -> quick = true;
        case "--trace" -> trace = true;
        case "--output" -> output = Path.of(value(args, ++i));
        case "--jvm" -> jvmOptions = List.of(value(args, ++i).trim().split("\\s+"));
        case "--variants" -> {
          variants = EnumSet.noneOf(Variant.class);
          for (String v : value(args, ++i).split(",")) {
            switch (v.trim()) {
              case "plain" -> variants.add(Variant.PLAIN);
              case "tls" -> variants.add(Variant.TLS_TOKEN);
              default -> throw new IllegalArgumentException("--variants takes plain and tls\n" + USAGE);
            }
          }
        }
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
    if (rtt.isNegative() || rtt.toMillis() > 1000) {
      throw new IllegalArgumentException("--rtt must be 0 to 1000 ms\n" + USAGE);
    }
    if (variants.isEmpty() || cases.isEmpty() || cases.stream().anyMatch(n -> n < 1 || n > WanFixtures.CASES)) {
      throw new IllegalArgumentException("--variants and --cases need at least one valid value\n" + USAGE);
    }
    return new WanOptions(runs, rtt, Set.copyOf(variants), Set.copyOf(cases), quick, output, jvmOptions, trace);
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value\n" + USAGE);
    }
    return args[i];
  }

  @Override
  public String toString() {
    return "runs=" + runs + " rtt=" + rtt.toMillis() + "ms variants=" + new TreeSet<>(variants) + " cases="
        + new TreeSet<>(cases) + (quick ? " quick" : "") + (trace ? " trace" : "") + " output=" + output + " jvm=" + String.join(" ", jvmOptions);
  }
}
