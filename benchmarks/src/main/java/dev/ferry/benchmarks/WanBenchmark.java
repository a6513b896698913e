package dev.ferry.benchmarks;

import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Issue 14's wide-area benchmark: Ferry (in-process and as a fresh JVM) against
 * {@code skopeo copy}, both copying between two real {@code docker-registry} processes
 * that sit behind {@link DelayProxy} links adding a round trip, over plain HTTP and over
 * HTTPS with Bearer token auth. Prints a Markdown table and writes it to
 * {@code benchmarks/target/wan-results.md}.
 *
 * <pre>{@code
 * java -cp "$(cat benchmarks/target/classpath.txt)" dev.ferry.benchmarks.WanBenchmark --runs 3
 * }</pre>
 *
 * <p>Per case: one warm-up round, then {@code --runs} rounds, the three methods in
 * alternating order; cold cases empty the destination before every copy; every copy is
 * checked (the destination holds the source's digest). Needs {@code docker-registry} and
 * {@code skopeo} on the PATH.
 */
public final class WanBenchmark {
  private WanBenchmark() {}

  /**
   * Runs the benchmark.
   *
   * @param args see {@link WanOptions#USAGE}
   * @throws Exception if a registry, a copy or a check fails
   */
  public static void main(String[] args) throws Exception {
    WanOptions options;
    try {
      options = WanOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Path work = Files.createTempDirectory("ferry-wan-benchmark-");
    AtomicReference<WanSite> running = new AtomicReference<>();
    Thread cleanup = new Thread(() -> cleanUp(running.get(), work), "ferry-wan-benchmark-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    CopyBenchmark.log("options: " + options + "; work directory " + work);
    String loadBefore = CopyBenchmark.loadAverage();
    long started = System.nanoTime();
    WanReport report = new WanReport();
    try {
      for (Variant variant : List.of(Variant.values())) {
        if (!options.variants().contains(variant)) {
          continue;
        }
        try (WanSite site = WanSite.start(variant, work.resolve(variant.name().toLowerCase(Locale.ROOT)),
            options.rtt())) {
          running.set(site);
          CopyBenchmark.log(variant.label() + ": source " + site.sourceAddress() + " -> " + site.registries().source()
              + ", destination " + site.destinationAddress() + " -> " + site.registries().destination());
          // the loopback case measures the registries, not the link: once, with the plain variant (or the only one)
          boolean loopbackHere = variant == Variant.PLAIN || !options.variants().contains(Variant.PLAIN);
          List<WanCase> cases = WanFixtures.seed(site, options.cases(), options.quick(), loopbackHere);
          try (WanCopiers copiers = new WanCopiers(site, options.jvmOptions())) {
            for (WanCase c : cases) {
              measure(c, options, site, copiers, report);
            }
          }
          running.set(null);
        }
      }
    } finally {
      cleanUp(running.get(), work);
      Runtime.getRuntime().removeShutdownHook(cleanup);
    }
    List<String> header = List.of(
        "Date: " + Instant.now() + "; machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
            + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", Java "
            + System.getProperty("java.runtime.version") + ".",
        "Peers: " + CopyBenchmark.version("skopeo", "--version") + "; " + CopyBenchmark.version("docker-registry",
            "--version") + ", filesystem storage on 127.0.0.1, each behind a `DelayProxy` link of "
            + options.rtt().toMillis() + " ms round trip (case 5: no link).",
        "Whole-process Ferry: `java " + String.join(" ", options.jvmOptions()) + "`; in-process Ferry: a new "
            + "`RegistryClient` per copy on the harness's warm JVM.",
        "Load average (1, 5, 15 min) before: " + loadBefore + "; after: " + CopyBenchmark.loadAverage()
            + ". The run took " + Samples.seconds((System.nanoTime() - started) / 1e9) + ".");
    String markdown = report.markdown(header, options.runs(), options.rtt());
    System.out.println(markdown);
    Path output = options.output().toAbsolutePath();
    Files.createDirectories(output.getParent());
    Files.writeString(output, markdown, StandardCharsets.UTF_8);
    CopyBenchmark.log("written to " + output);
  }

  private static void measure(WanCase c, WanOptions options, WanSite site, WanCopiers copiers, WanReport report) {
    int runs = options.runs();
    Registries registries = site.registries();
    List<ImageReference> sources = c.sources(site);
    List<ImageReference> destinations = c.destinations(site);
    List<ImageReference> direct = c.directDestinations(site);
    if (!c.bench().cold()) {
      registries.emptyDestination(direct);
      for (int i = 0; i < direct.size(); i++) {
        FerryCopies.copy(registries.admin(), c.bench().sources().get(i), direct.get(i), true);
      }
      verify(c, registries, direct);
    }
    for (int round = 0; round <= runs; round++) {
      List<Method> order = new ArrayList<>(List.of(Method.values()));
      if (round % 2 == 1) {
        Collections.reverse(order);
      }
      for (Method method : order) {
        if (c.bench().cold()) {
          registries.emptyDestination(direct);
        }
        double[] registriesBefore = registries.cpuSeconds();
        double selfBefore = Cpu.ofProcess(ProcessHandle.current().pid()) - site.proxyCpuSeconds();
        double childrenBefore = Cpu.ofReapedChildren();
        site.log().clear();
        int answeredBefore = c.loopback() ? registries.requestsAnswered() : 0;
        long start = System.nanoTime();
        String said = copiers.run(method, sources.get(0), destinations.get(0), c.bench().allPlatforms());
        long nanos = System.nanoTime() - start;
        List<Exchange> exchanges = site.log().snapshot();
        int connections = site.log().connections();
        int requests = c.loopback() ? registries.requestsAnswered() - answeredBefore : exchanges.size();
        double[] registriesAfter = registries.cpuSeconds();
        site.awaitClosed(start);
        double copier = method == Method.FERRY_IN_PROCESS
            ? Cpu.ofProcess(ProcessHandle.current().pid()) - site.proxyCpuSeconds() - selfBefore
            : Cpu.ofReapedChildren() - childrenBefore;
        double[] cpu = {copier, registriesAfter[0] - registriesBefore[0], registriesAfter[1] - registriesBefore[1]};
        verify(c, registries, direct);
        int chain = Exchanges.longestChain(exchanges);
        CopyBenchmark.log(site.variant().label() + " case " + c.bench().number() + " "
            + (round == 0 ? "warm-up" : "run " + round + "/" + runs) + " " + method.label() + ": "
            + Samples.seconds(nanos / 1e9) + String.format(Locale.ROOT,
                " (%d requests, chain %d, %d connections; CPU s: copier %.2f, source %.2f, destination %.2f)",
                requests, chain, connections, cpu[0], cpu[1], cpu[2]) + (said.isEmpty() ? "" : " [" + said + "]"));
        if (options.trace()) {
          trace(exchanges, start);
        }
        if (round > 0) {
          WanReport.Stats stats = report.stats(site.variant(), c, method);
          stats.time.add(nanos);
          stats.cpu.add(cpu);
          stats.requests.add(requests);
          if (!c.loopback()) {
            stats.chain.add(chain);
            stats.connections.add(connections);
          }
        }
      }
    }
  }

  /** Every request of one copy, in milliseconds from its start; the longest chain's marked {@code *}. */
  private static void trace(List<Exchange> exchanges, long startNanos) {
    List<Exchange> chain = Exchanges.criticalPath(exchanges);
    for (Exchange e : exchanges) {
      CopyBenchmark.log(String.format(Locale.ROOT, "  %s %7.1f .. %7.1f ms  %s", chain.contains(e) ? "*" : " ",
          (e.startNanos() - startNanos) / 1e6, (e.answeredNanos() - startNanos) / 1e6, e));
    }
  }

  private static void verify(WanCase c, Registries registries, List<ImageReference> direct) {
    for (int i = 0; i < direct.size(); i++) {
      Digest expected = c.bench().digests().get(i);
      Optional<Digest> found = registries.admin().headManifest(direct.get(i)).map(d -> d.digest());
      if (!found.equals(Optional.of(expected))) {
        throw new IllegalStateException("case " + c.bench().number() + ": expected " + expected + " at " + direct.get(i)
            + ", found " + found.map(Digest::toString).orElse("nothing"));
      }
    }
  }

  private static void cleanUp(WanSite site, Path work) {
    if (site != null) {
      site.close();
    }
    Fixtures.deleteTree(work);
  }
}
