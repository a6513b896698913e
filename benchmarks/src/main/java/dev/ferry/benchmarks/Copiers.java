package dev.ferry.benchmarks;

import dev.ferry.copy.CopyResult;
import dev.ferry.it.ExternalCommand;
import dev.ferry.it.Skopeo;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs one copy of a case by one {@link Method}; each run is bounded in time and fails loudly. */
final class Copiers implements AutoCloseable {
  /** The options of the whole-process JVM by default: issue 5 asks for the 1 GiB copy to run in 64 MiB of heap. */
  static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx64m");
  private static final Duration TIMEOUT = Duration.ofMinutes(10);

  private final Registries registries;
  private final List<String> jvmOptions;
  private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
  private final String classpath = System.getProperty("java.class.path");
  private final Skopeo skopeo = Skopeo.require();
  private final RegistryClient warm;
  private final ExecutorService inProcess = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "ferry-in-process-copy");
    t.setDaemon(true);
    return t;
  });

  Copiers(Registries registries, List<String> jvmOptions) {
    this.registries = registries;
    this.jvmOptions = List.copyOf(jvmOptions);
    // one client for every in-process run, as a build plugin or an application keeps one
    this.warm = Loopback.client(List.of(ImageReference.of(registries.source(), "probe"),
        ImageReference.of(registries.destination(), "probe")));
  }

  /** The in-process client, warm from earlier runs. */
  RegistryClient warmClient() {
    return warm;
  }

  /**
   * What one run left.
   *
   * @param results the in-process copy results (empty for the other methods and for bulk copies)
   * @param said what a whole-process {@code main} printed
   */
  record Outcome(List<CopyResult> results, String said) {}

  /** Copies every source of the case to the destination. */
  Outcome run(Method method, BenchCase c) {
    return switch (method) {
      case FERRY_PROCESS -> new Outcome(List.of(), ferryProcess(c));
      case FERRY_IN_PROCESS -> new Outcome(ferryInProcess(c), "");
      case SKOPEO -> {
        skopeo(c);
        yield new Outcome(List.of(), "");
      }
    };
  }

  /** {@code CopyMain --startup}: JVM start and a client built and closed, no copy. */
  void startup() {
    ExternalCommand.run(TIMEOUT, javaCommand(CopyMain.class.getName(), "--startup")).assertSuccess();
  }

  private String ferryProcess(BenchCase c) {
    List<String> command;
    if (c.bulk()) {
      command = javaCommand(BulkMain.class.getName(), registries.destination());
      c.sources().forEach(s -> command.add(s.toString()));
    } else {
      command = javaCommand(CopyMain.class.getName(), c.sources().get(0).toString(),
          c.destinations(registries.destination()).get(0).toString(), "--all");
    }
    return ExternalCommand.run(TIMEOUT, command).assertSuccess().out().trim();
  }

  private List<String> javaCommand(String mainClass, String... args) {
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", classpath, mainClass));
    command.addAll(List.of(args));
    return command;
  }

  private List<CopyResult> ferryInProcess(BenchCase c) {
    return bounded(() -> {
      if (c.bulk()) {
        FerryCopies.bulk(warm, c.sources(), FerryCopies.under(registries.destination()));
        return List.of();
      }
      return List.of(FerryCopies.copy(warm, c.sources().get(0), c.destinations(registries.destination()).get(0),
          true));
    });
  }

  private void skopeo(BenchCase c) {
    List<ImageReference> destinations = c.destinations(registries.destination());
    for (int i = 0; i < c.sources().size(); i++) {
      List<String> args = new ArrayList<>(List.of("copy", "--src-tls-verify=false", "--dest-tls-verify=false"));
      if (c.allPlatforms()) {
        args.add("--all");
      }
      args.add("docker://" + c.sources().get(i));
      args.add("docker://" + destinations.get(i));
      skopeo.ok(args.toArray(String[]::new));
    }
  }

  private <T> T bounded(Callable<T> call) {
    Future<T> future = inProcess.submit(call);
    try {
      return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during an in-process copy", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("in-process copy failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new IllegalStateException("an in-process copy took more than " + TIMEOUT, e);
    }
  }

  @Override
  public void close() {
    inProcess.shutdownNow();
    warm.close();
  }
}
