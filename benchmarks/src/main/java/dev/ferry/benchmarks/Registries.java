package dev.ferry.benchmarks;

import dev.ferry.it.DockerRegistryProcess;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Two real {@code docker-registry} processes on loopback with filesystem storage:
 * the source and the destination.
 *
 * <p>Emptying the destination deletes its whole storage tree while the registry is
 * idle, and keeps the process (and its port, which the in-process client's
 * plain-HTTP setting names). That truly empties it: the generated config sets no
 * {@code storage.cache}, so distribution keeps no blob descriptors in memory and
 * answers every request from the filesystem; {@link #emptyDestination} checks it.
 */
final class Registries implements AutoCloseable {
  private final DockerRegistryProcess source;
  private final DockerRegistryProcess destination;
  private final Path destinationStorage;
  private final RegistryClient admin;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Registries(DockerRegistryProcess source, DockerRegistryProcess destination, Path destinationStorage,
      RegistryClient admin) {
    this.source = source;
    this.destination = destination;
    this.destinationStorage = destinationStorage;
    this.admin = admin;
  }

  static Registries start(Path workDir) throws IOException {
    return start(workDir, UnaryOperator.identity(),
        addresses -> RegistryClient.builder().plainHttp(addresses.toArray(String[]::new)).build());
  }

  /**
   * Starts the pair with extra settings on both registries' configs (e.g. token auth), and
   * the admin client that {@code admin} builds for their addresses ({@code [source, destination]}).
   */
  static Registries start(Path workDir, UnaryOperator<DockerRegistryProcess.Builder> settings,
      Function<List<String>, RegistryClient> admin) throws IOException {
    Path sourceDir = Files.createDirectories(workDir.resolve("source"));
    Path destinationDir = Files.createDirectories(workDir.resolve("destination"));
    DockerRegistryProcess source = settings.apply(DockerRegistryProcess.builder(sourceDir)).start();
    try {
      DockerRegistryProcess destination = settings.apply(DockerRegistryProcess.builder(destinationDir)).start();
      try {
        return new Registries(source, destination, destinationDir.resolve("storage"),
            admin.apply(List.of(source.address(), destination.address())));
      } catch (RuntimeException | Error e) {
        destination.close();
        throw e;
      }
    } catch (RuntimeException | Error e) {
      source.close();
      throw e;
    }
  }

  String source() {
    return source.address();
  }

  String destination() {
    return destination.address();
  }

  Path destinationStorage() {
    return destinationStorage;
  }

  /** The process ids of {@code [source, destination]}. */
  long[] pids() {
    return new long[] {source.pid(), destination.pid()};
  }

  /** CPU time the two registry processes have used so far: {@code [source, destination]}, in seconds. */
  double[] cpuSeconds() {
    return new double[] {Cpu.ofProcess(source.pid()), Cpu.ofProcess(destination.pid())};
  }

  /** Requests both registries have answered so far, from their access logs (plain HTTP registries only). */
  int requestsAnswered() {
    return source.requests().size() + destination.requests().size();
  }

  /** A client for seeding and checks, never the one being measured. */
  RegistryClient admin() {
    return admin;
  }

  /** Deletes everything the destination stores, then checks that it lists no repository and has none of {@code images}. */
  void emptyDestination(List<ImageReference> images) {
    Path root = destinationStorage.resolve("docker");
    if (Files.exists(root)) {
      try (Stream<Path> tree = Files.walk(root)) {
        for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("could not empty the destination registry's storage", e);
      }
    }
    List<String> left = admin.catalog(destination.address());
    if (!left.isEmpty()) {
      throw new IllegalStateException("the destination still lists " + left + " after emptying");
    }
    for (ImageReference image : images) {
      if (admin.headManifest(image).isPresent()) {
        throw new IllegalStateException("the destination still has " + image + " after emptying");
      }
    }
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    admin.close();
    try {
      destination.close();
    } finally {
      source.close();
    }
  }
}
