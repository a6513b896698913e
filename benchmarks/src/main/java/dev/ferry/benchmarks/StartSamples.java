package dev.ferry.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The samples of one method and case of {@link StartBenchmark}: first request, whole process, CPU. */
final class StartSamples {
  /**
   * One fresh process.
   *
   * @param firstRequestNanos from just before the process started to the first request byte at a registry
   * @param wholeNanos from then to the process's exit
   * @param cpuSeconds the process's user + system time
   */
  record Sample(long firstRequestNanos, long wholeNanos, double cpuSeconds) {}

  private final Samples first = new Samples();
  private final Samples whole = new Samples();
  private final List<Double> cpu = new ArrayList<>();

  void add(Sample sample) {
    first.add(sample.firstRequestNanos());
    whole.add(sample.wholeNanos());
    cpu.add(sample.cpuSeconds());
  }

  /** A Markdown table row. */
  String row(String kase, String method) {
    List<Double> sorted = cpu.stream().sorted().toList();
    int n = sorted.size();
    double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    return "| " + kase + " | " + method + " | " + first.describe() + " | " + whole.describe() + " | "
        + String.format(Locale.ROOT, "%.2f s", median) + " |";
  }
}
