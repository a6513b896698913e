package dev.ferry.benchmarks;

import dev.ferry.manifest.Manifest;
import dev.ferry.manifest.Platform;
import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import dev.ferry.it.ExternalCommand;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * How soon a fresh JVM sends its first request, and what a whole-process copy of a small image
 * costs, against {@code skopeo copy} in the same run (issue 14, "whole-process start").
 *
 * <pre>{@code
 * java -cp "$(cat benchmarks/target/jars.txt)" dev.ferry.benchmarks.StartBenchmark --runs 7 --appcds
 * }</pre>
 *
 * <p>Starts two real {@code docker-registry} processes, seeds a 3 × 1 MiB image, and puts a
 * {@link FirstByteRelay} in front of each registry. Every measured copy is a fresh process
 * ({@link CopyMain}, or skopeo) told to copy through the relays: the first request is the
 * first byte either relay receives, timed from just before the process is started; the
 * whole process from then to its exit; CPU is the reaped child's user + system time. Cases:
 * a cold copy (destination emptied before) and a no-op (destination holds the image). Each
 * {@code --jvm "OPTIONS"} (or {@code "LABEL: OPTIONS"}; a {@code -cp} among them replaces the
 * class path) is one variant (default {@code -Xmx64m}); {@code --appcds} adds the
 * first variant with a dynamic AppCDS archive made by one untimed cold copy
 * ({@code -XX:ArchiveClassesAtExit}), which needs a class path of jars only ({@code jars.txt}).
 */
public final class StartBenchmark {
  private static final Duration TIMEOUT = Duration.ofMinutes(2);
  private static final int LAYERS = 3;
  private static final long LAYER_SIZE = 1024 * 1024;
  private static final String SKOPEO = "skopeo";

  private StartBenchmark() {}

  /**
   * Runs the measurement and prints a Markdown table.
   *
   * @param args {@code [--runs N] [--jvm "OPTIONS"]... [--appcds] [--no-skopeo]}
   * @throws Exception if a registry, a copy or a check fails
   */
  public static void main(String[] args) throws Exception {
    int runs = 5;
    List<String> variants = new ArrayList<>();
    boolean appCds = false;
    boolean skopeo = true;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--jvm" -> variants.add(args[++i].trim());
        case "--appcds" -> appCds = true;
        case "--no-skopeo" -> skopeo = false;
        default -> {
          System.err.println("usage: StartBenchmark [--runs N] [--jvm \"OPTIONS\"]... [--appcds] [--no-skopeo]");
          System.exit(2);
        }
      }
    }
    if (variants.isEmpty()) {
      variants.add(String.join(" ", Copiers.DEFAULT_JVM_OPTIONS));
    }
    String classpath = System.getProperty("java.class.path");
    if (appCds && List.of(classpath.split(File.pathSeparator)).stream().anyMatch(p -> Files.isDirectory(Path.of(p)))) {
      System.err.println("--appcds needs a class path of jars only: run with -cp \"$(cat benchmarks/target/jars.txt)\"");
      System.exit(2);
    }
    Path work = Files.createTempDirectory("ferry-start-");
    String loadBefore = CopyBenchmark.loadAverage();
    try (Registries registries = Registries.start(work);
        FirstByteRelay source = FirstByteRelay.start(registries.source());
        FirstByteRelay destination = FirstByteRelay.start(registries.destination())) {
      ImageReference seeded = ImageReference.of(registries.source(), "bench/small", "1");
      Digest digest = seed(registries, seeded);
      ImageReference from = ImageReference.of(source.address(), "bench/small", "1");
      ImageReference to = ImageReference.of(destination.address(), "bench/small", "1");
      ImageReference check = ImageReference.of(registries.destination(), "bench/small", "1");
      Map<String, List<String>> methods = new LinkedHashMap<>();
      for (String variant : variants) {
        methods.put("Ferry `" + label(variant) + "`", ferry(options(variant), classpath, from, to));
      }
      if (appCds) {
        Path archive = work.resolve("ferry.jsa");
        registries.emptyDestination(List.of(check));
        ExternalCommand.run(TIMEOUT, ferry(options(variants.get(0)) + " -XX:ArchiveClassesAtExit=" + archive, classpath, from,
            to)).assertSuccess();
        methods.put("Ferry `" + label(variants.get(0)) + "` + AppCDS", ferry(options(variants.get(0))
            + " -XX:SharedArchiveFile="
            + archive + " -Xshare:auto", classpath, from, to));
      }
      if (skopeo) {
        methods.put("skopeo copy", List.of(SKOPEO, "copy", "--src-tls-verify=false", "--dest-tls-verify=false",
            "docker://" + from, "docker://" + to));
      }
      Map<String, StartSamples> cold = new LinkedHashMap<>();
      Map<String, StartSamples> noop = new LinkedHashMap<>();
      methods.keySet().forEach(m -> {
        cold.put(m, new StartSamples());
        noop.put(m, new StartSamples());
      });
      List<String> order = new ArrayList<>(methods.keySet());
      for (int round = 0; round <= runs; round++) {
        boolean warmUp = round == 0;
        for (String method : round % 2 == 0 ? order : reversed(order)) {
          registries.emptyDestination(List.of(check));
          StartSamples.Sample c = run(methods.get(method), source, destination);
          requireCopied(registries, check, digest);
          StartSamples.Sample n = run(methods.get(method), source, destination);
          requireCopied(registries, check, digest);
          if (!warmUp) {
            cold.get(method).add(c);
            noop.get(method).add(n);
          }
        }
        CopyBenchmark.log("round " + round + " of " + runs + " done" + (warmUp ? " (warm-up)" : ""));
      }
      String table = table(cold, noop, runs, loadBefore);
      System.out.println(table);
      Path output = Path.of("benchmarks", "target", "start-results.md");
      if (Files.isDirectory(output.getParent())) {
        Files.writeString(output, table, StandardCharsets.UTF_8);
      }
    } finally {
      Fixtures.deleteTree(work);
    }
  }

  private static Digest seed(Registries registries, ImageReference image) {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Manifest manifest = new Seeder(registries.admin(), pool).pushImage(image, Platform.parse("linux/amd64"), 3,
          LAYERS, LAYER_SIZE);
      return manifest.digest();
    } finally {
      pool.shutdownNow();
    }
  }

  /** {@code LABEL: OPTIONS} or just {@code OPTIONS}. */
  private static String label(String variant) {
    int colon = variant.indexOf(": ");
    return colon < 0 ? variant : variant.substring(0, colon);
  }

  private static String options(String variant) {
    int colon = variant.indexOf(": ");
    return colon < 0 ? variant : variant.substring(colon + 2);
  }

  private static List<String> ferry(String options, String classpath, ImageReference from, ImageReference to) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // the variant's options after the default class path: a -cp among them wins
    command.addAll(List.of("-cp", classpath));
    command.addAll(List.of(options.split("\\s+")));
    command.addAll(List.of(CopyMain.class.getName(), from.toString(), to.toString(), "--all"));
    return command;
  }

  private static StartSamples.Sample run(List<String> command, FirstByteRelay source, FirstByteRelay destination) {
    source.reset();
    destination.reset();
    double cpuBefore = Cpu.ofReapedChildren();
    long start = System.nanoTime();
    ExternalCommand.run(TIMEOUT, command).assertSuccess();
    long end = System.nanoTime();
    double cpu = Cpu.ofReapedChildren() - cpuBefore;
    long first = Math.min(source.firstByteNanos().orElse(Long.MAX_VALUE),
        destination.firstByteNanos().orElse(Long.MAX_VALUE));
    if (first == Long.MAX_VALUE) {
      throw new IllegalStateException("no request reached either registry: " + command);
    }
    return new StartSamples.Sample(first - start, end - start, cpu);
  }

  private static void requireCopied(Registries registries, ImageReference image, Digest digest) {
    Digest held = registries.admin().headManifest(image)
        .orElseThrow(() -> new IllegalStateException("the destination lacks " + image)).digest();
    if (!held.equals(digest)) {
      throw new IllegalStateException("the destination holds " + held + ", not " + digest);
    }
  }

  private static List<String> reversed(List<String> list) {
    List<String> copy = new ArrayList<>(list);
    java.util.Collections.reverse(copy);
    return copy;
  }

  private static String table(Map<String, StartSamples> cold, Map<String, StartSamples> noop, int runs,
      String loadBefore) {
    StringBuilder out = new StringBuilder();
    out.append("| case | method | first request after process start | whole process | CPU (user + system) |\n");
    out.append("|---|---|---|---|---|\n");
    for (Map.Entry<String, StartSamples> e : cold.entrySet()) {
      out.append(e.getValue().row("cold, " + LAYERS + " × 1 MiB", e.getKey())).append('\n');
    }
    for (Map.Entry<String, StartSamples> e : noop.entrySet()) {
      out.append(e.getValue().row("no-op", e.getKey())).append('\n');
    }
    out.append("\nMedian of ").append(runs).append(" after one warm-up round (min–max); load average before: ")
        .append(loadBefore).append(", after: ").append(CopyBenchmark.loadAverage()).append('\n');
    return out.toString();
  }
}
