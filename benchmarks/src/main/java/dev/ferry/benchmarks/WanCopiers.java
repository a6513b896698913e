package dev.ferry.benchmarks;

import dev.ferry.it.ExternalCommand;
import dev.ferry.it.Skopeo;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one copy of a wide-area case by one {@link Method}, set up for the site's variant.
 * The in-process copy builds a new client for each copy on this warm JVM, so its
 * connections, TLS sessions and tokens start cold, as the other two methods' do.
 */
final class WanCopiers implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofMinutes(10);

  private final WanSite site;
  private final List<String> jvmOptions;
  private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
  private final String classpath = System.getProperty("java.class.path");
  private final Skopeo skopeo = Skopeo.require();
  private final ExecutorService inProcess = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "ferry-in-process-copy");
    t.setDaemon(true);
    return t;
  });

  WanCopiers(WanSite site, List<String> jvmOptions) {
    this.site = site;
    this.jvmOptions = List.copyOf(jvmOptions);
  }

  /** Copies the image; returns what a whole-process copy printed (empty otherwise). */
  String run(Method method, ImageReference from, ImageReference to, boolean allPlatforms) {
    switch (method) {
      case FERRY_PROCESS -> {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classpath));
        command.addAll(site.processCopy(from, to, true));  // every platform, as in-process
        return ExternalCommand.run(TIMEOUT, command).assertSuccess().out().trim();
      }
      case FERRY_IN_PROCESS -> {
        inProcess(from, to);
        return "";
      }
      case SKOPEO -> {
        List<String> args = new ArrayList<>(List.of("copy"));
        args.addAll(site.skopeoOptions());
        if (allPlatforms) {
          args.add("--all");
        }
        args.addAll(List.of("docker://" + from, "docker://" + to));
        skopeo.ok(args.toArray(String[]::new));
        return "";
      }
    }
    throw new IllegalArgumentException("unknown method " + method);
  }

  private void inProcess(ImageReference from, ImageReference to) {
    Future<?> copy = inProcess.submit(() -> {
      try (RegistryClient client = site.newClient()) {
        FerryCopies.copy(client, from, to, true);
      }
    });
    try {
      copy.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      copy.cancel(true);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during an in-process copy", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("in-process copy failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      copy.cancel(true);
      throw new IllegalStateException("an in-process copy took more than " + TIMEOUT, e);
    }
  }

  @Override
  public void close() {
    inProcess.shutdownNow();
  }
}
