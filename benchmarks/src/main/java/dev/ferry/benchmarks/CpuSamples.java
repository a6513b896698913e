package dev.ferry.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** CPU seconds of measured copies: each sample is {@code [copier, source registry, destination registry]}. */
final class CpuSamples {
  private final List<double[]> samples = new ArrayList<>();

  void add(double[] cpu) {
    samples.add(cpu.clone());
  }

  /** {@code 1.20 / 0.80 / 1.10}: the median of each column. */
  String describe() {
    if (samples.isEmpty()) {
      return "–";
    }
    StringBuilder out = new StringBuilder();
    for (int column = 0; column < 3; column++) {
      int c = column;
      double[] values = samples.stream().mapToDouble(s -> s[c]).sorted().toArray();
      int n = values.length;
      double median = n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
      out.append(column == 0 ? "" : " / ").append(String.format(Locale.ROOT, "%.2f", median));
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return samples.stream().map(Arrays::toString).toList().toString();
  }
}
