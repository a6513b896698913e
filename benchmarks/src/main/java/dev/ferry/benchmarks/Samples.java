package dev.ferry.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Measured durations of one case and method, in nanoseconds. */
final class Samples {
  private final List<Long> nanos = new ArrayList<>();

  void add(long elapsedNanos) {
    nanos.add(elapsedNanos);
  }

  boolean isEmpty() {
    return nanos.isEmpty();
  }

  /** The median in seconds (the mean of the middle two for an even count). */
  double median() {
    List<Long> sorted = nanos.stream().sorted().toList();
    int n = sorted.size();
    double middle = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    return middle / 1e9;
  }

  double min() {
    return nanos.stream().mapToLong(Long::longValue).min().orElseThrow() / 1e9;
  }

  double max() {
    return nanos.stream().mapToLong(Long::longValue).max().orElseThrow() / 1e9;
  }

  /** {@code 4.31 s (4.12–4.50)}. */
  String describe() {
    return seconds(median()) + " (" + number(min()) + "–" + number(max()) + ")";
  }

  static String seconds(double s) {
    return number(s) + " s";
  }

  private static String number(double s) {
    return String.format(Locale.ROOT, s < 1 ? "%.3f" : "%.2f", s);
  }
}
