package dev.ferry.benchmarks;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The results as a Markdown table: medians (min–max) per case and method, and the ratios to skopeo. */
final class Report {
  private final Map<BenchCase, Map<Method, Samples>> cases = new LinkedHashMap<>();
  private final Map<BenchCase, Map<Method, CpuSamples>> cpu = new LinkedHashMap<>();
  private final Map<String, Samples> floors = new LinkedHashMap<>();
  private final Samples startup = new Samples();

  Samples samples(BenchCase c, Method method) {
    return cases.computeIfAbsent(c, k -> new EnumMap<>(Method.class)).computeIfAbsent(method, m -> new Samples());
  }

  /** CPU seconds per copy of a case by a method: the copier, the source registry, the destination registry. */
  CpuSamples cpu(BenchCase c, Method method) {
    return cpu.computeIfAbsent(c, k -> new EnumMap<>(Method.class)).computeIfAbsent(method, m -> new CpuSamples());
  }

  /** The samples of a raw floor, described as {@code what}. */
  Samples floor(String what) {
    return floors.computeIfAbsent(what, k -> new Samples());
  }

  Samples startup() {
    return startup;
  }

  /** Ferry's median over skopeo's, for the method. */
  static Optional<Double> ratio(Map<Method, Samples> byMethod, Method method) {
    Samples ferry = byMethod.get(method);
    Samples skopeo = byMethod.get(Method.SKOPEO);
    if (ferry == null || skopeo == null || ferry.isEmpty() || skopeo.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(ferry.median() / skopeo.median());
  }

  String markdown(List<String> header, int runs, List<String> jvmOptions) {
    StringBuilder md = new StringBuilder("# Ferry vs skopeo: copy benchmark\n\n");
    header.forEach(line -> md.append(line).append("  \n"));
    md.append("Median of ").append(runs).append(" measured runs after one warm-up (min–max in brackets); ")
        .append("ratios are Ferry's median ÷ skopeo's (skopeo always runs as a whole process).\n\n")
        .append("| # | case | fixture | Ferry, whole process | Ferry, in-process | skopeo copy | whole ÷ skopeo ")
        .append("| in-process ÷ skopeo | target (issue 5) | met |\n")
        .append("|---|---|---|---|---|---|---|---|---|---|\n");
    for (Map.Entry<BenchCase, Map<Method, Samples>> entry : cases.entrySet()) {
      BenchCase c = entry.getKey();
      Map<Method, Samples> byMethod = entry.getValue();
      Optional<Double> target = ratio(byMethod, c.target().method());
      md.append("| ").append(c.number()).append(" | ").append(c.title()).append(" | ").append(c.fixture())
          .append(" | ").append(cell(byMethod.get(Method.FERRY_PROCESS)))
          .append(" | ").append(cell(byMethod.get(Method.FERRY_IN_PROCESS)))
          .append(" | ").append(cell(byMethod.get(Method.SKOPEO)))
          .append(" | ").append(ratio(byMethod, Method.FERRY_PROCESS).map(Report::times).orElse("–"))
          .append(" | ").append(ratio(byMethod, Method.FERRY_IN_PROCESS).map(Report::times).orElse("–"))
          .append(" | ").append(c.target().describe())
          .append(" | ").append(target.map(r -> c.target().met(r) ? "yes" : "**no**").orElse("–"))
          .append(" |\n");
    }
    md.append('\n');
    if (!cpu.isEmpty()) {
      md.append("CPU seconds used during each copy (median), as copier / source registry / destination registry ")
          .append("(from `/proc`; the machine has ").append(Runtime.getRuntime().availableProcessors())
          .append(" cores):\n\n| # | Ferry, whole process | Ferry, in-process | skopeo copy |\n|---|---|---|---|\n");
      cpu.forEach((c, byMethod) -> md.append("| ").append(c.number()).append(" | ")
          .append(cpuCell(byMethod.get(Method.FERRY_PROCESS))).append(" | ")
          .append(cpuCell(byMethod.get(Method.FERRY_IN_PROCESS))).append(" | ")
          .append(cpuCell(byMethod.get(Method.SKOPEO))).append(" |\n"));
      md.append('\n');
    }
    floors.forEach((what, samples) -> md.append("Raw floor of ").append(what).append(" (pushed straight into ")
        .append("the empty destination with `RegistryClient.pushBlob` from files in the page cache; no source reads, ")
        .append("no manifest): ").append(samples.describe()).append(".  \n"));
    if (!startup.isEmpty()) {
      md.append("JVM start alone (`java ").append(String.join(" ", jvmOptions))
          .append(" ... CopyMain --startup`: a client built and closed, no copy): ").append(startup.describe())
          .append(".\n");
    }
    return md.toString();
  }

  private static String cell(Samples samples) {
    return samples == null || samples.isEmpty() ? "–" : samples.describe();
  }

  private static String cpuCell(CpuSamples samples) {
    return samples == null ? "–" : samples.describe();
  }

  private static String times(double ratio) {
    return String.format(Locale.ROOT, "%.2f×", ratio);
  }
}
