package dev.ferry.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The wide-area results as Markdown: per variant, the times and ratios, then what each copy cost. */
final class WanReport {
  /** What one case by one method measured, over the runs. */
  static final class Stats {
    final Samples time = new Samples();
    final CpuSamples cpu = new CpuSamples();
    final List<Integer> requests = new ArrayList<>();
    final List<Integer> chain = new ArrayList<>();
    final List<Integer> connections = new ArrayList<>();
  }

  private final Map<Variant, Map<WanCase, Map<Method, Stats>>> results = new EnumMap<>(Variant.class);
  private static final List<Method> COLUMNS = List.of(Method.FERRY_IN_PROCESS, Method.FERRY_PROCESS, Method.SKOPEO);

  Stats stats(Variant variant, WanCase c, Method method) {
    return results.computeIfAbsent(variant, v -> new LinkedHashMap<>())
        .computeIfAbsent(c, k -> new EnumMap<>(Method.class)).computeIfAbsent(method, m -> new Stats());
  }

  String markdown(List<String> header, int runs, Duration rtt) {
    StringBuilder md = new StringBuilder("# Ferry vs skopeo over a wide-area link\n\n");
    header.forEach(line -> md.append(line).append("  \n"));
    md.append("Median of ").append(runs).append(" measured runs after one warm-up (min–max in brackets); ratios are ")
        .append("Ferry's median ÷ skopeo's in the same run; the goal is issue 14's, for Ferry in-process.\n");
    for (Map.Entry<Variant, Map<WanCase, Map<Method, Stats>>> variant : results.entrySet()) {
      md.append("\n## ").append(variant.getKey().label()).append(", ").append(rtt.toMillis())
          .append(" ms round trip\n\n")
          .append("| # | case | fixture | Ferry in-process | Ferry whole process | skopeo | in-process ÷ skopeo ")
          .append("| whole ÷ skopeo | goal: in-process ≤ | met |\n|---|---|---|---|---|---|---|---|---|---|\n");
      for (Map.Entry<WanCase, Map<Method, Stats>> row : variant.getValue().entrySet()) {
        BenchCase c = row.getKey().bench();
        Map<Method, Stats> by = row.getValue();
        Optional<Double> inProcess = ratio(by, Method.FERRY_IN_PROCESS);
        md.append("| ").append(c.number()).append(" | ").append(c.title()).append(" | ").append(c.fixture());
        for (Method m : COLUMNS) {
          md.append(" | ").append(by.containsKey(m) ? by.get(m).time.describe() : "–");
        }
        md.append(" | ").append(inProcess.map(WanReport::times).orElse("–"))
            .append(" | ").append(ratio(by, Method.FERRY_PROCESS).map(WanReport::times).orElse("–"))
            .append(" | ").append(times(c.target().factor()))
            .append(" | ").append(inProcess.map(r -> c.target().met(r) ? "yes" : "**no**").orElse("–")).append(" |\n");
      }
      md.append("\nPer copy (median), in-process / whole process / skopeo: requests, the longest chain of ")
          .append("requests each begun only after the one before was answered, TCP connections opened, and CPU ")
          .append("seconds as copier / source registry / destination registry.\n\n")
          .append("| # | requests | longest chain | connections | CPU in-process | CPU whole process | CPU skopeo |\n")
          .append("|---|---|---|---|---|---|---|\n");
      for (Map.Entry<WanCase, Map<Method, Stats>> row : variant.getValue().entrySet()) {
        Map<Method, Stats> by = row.getValue();
        boolean counted = !row.getKey().loopback();  // no link on loopback: counts from the registries' logs, no chain
        md.append("| ").append(row.getKey().bench().number())
            .append(" | ").append(counts(by, s -> s.requests)).append(counted ? "" : " (access logs)")
            .append(" | ").append(counted ? counts(by, s -> s.chain) : "–")
            .append(" | ").append(counted ? counts(by, s -> s.connections) : "–");
        for (Method m : COLUMNS) {
          md.append(" | ").append(by.containsKey(m) ? by.get(m).cpu.describe() : "–");
        }
        md.append(" |\n");
      }
    }
    return md.toString();
  }

  private static String counts(Map<Method, Stats> by, java.util.function.Function<Stats, List<Integer>> which) {
    StringBuilder out = new StringBuilder();
    for (Method m : COLUMNS) {
      out.append(out.length() == 0 ? "" : " / ");
      List<Integer> values = by.containsKey(m) ? which.apply(by.get(m)) : List.of();
      out.append(values.isEmpty() ? "–" : median(values));
    }
    return out.toString();
  }

  private static String median(List<Integer> values) {
    List<Integer> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    double m = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    return m == Math.rint(m) ? Long.toString((long) m) : String.format(Locale.ROOT, "%.1f", m);
  }

  private static Optional<Double> ratio(Map<Method, Stats> by, Method method) {
    Stats ferry = by.get(method);
    Stats skopeo = by.get(Method.SKOPEO);
    if (ferry == null || skopeo == null || ferry.time.isEmpty() || skopeo.time.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(ferry.time.median() / skopeo.time.median());
  }

  private static String times(double ratio) {
    return String.format(Locale.ROOT, "%.2f×", ratio);
  }
}
