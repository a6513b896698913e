package dev.ferry.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** One measured round of {@link Http2Probe} for one client: times and CPU in seconds. */
record Round(double authSeconds, double blobSeconds, String protocol, int registryConnections, int realmConnections,
    double clientCpu, double registryCpu) {

  /** A Markdown row of medians (min–max for the times) over {@code rounds}. */
  static String row(String client, int parallelism, List<Round> rounds) {
    return String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s / %s | %.2f s | %.2f s |", client, parallelism,
        range(rounds, Round::authSeconds), range(rounds, Round::blobSeconds), rounds.get(0).protocol(),
        (int) median(rounds, Round::registryConnections), (int) median(rounds, Round::realmConnections),
        median(rounds, Round::clientCpu), median(rounds, Round::registryCpu));
  }

  private static String range(List<Round> rounds, ToDoubleFunction<Round> f) {
    double[] v = rounds.stream().mapToDouble(f).sorted().toArray();
    return String.format(Locale.ROOT, "%.3f s (%.3f–%.3f)", v[v.length / 2], v[0], v[v.length - 1]);
  }

  private static double median(List<Round> rounds, ToDoubleFunction<Round> f) {
    double[] v = rounds.stream().mapToDouble(f).sorted().toArray();
    return v[v.length / 2];
  }
}
