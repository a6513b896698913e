package dev.ferry.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code docker-registry} (distribution's {@code registry:2}, from Debian's
 * package) on a free loopback port, with a generated config and storage in a
 * directory the test owns. Closing it stops the process.
 */
public final class DockerRegistryProcess implements AutoCloseable {
  private static final Duration STARTUP = Duration.ofSeconds(30);

  private final Process process;
  private final int port;
  private final Path log;

  private DockerRegistryProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Starts a plain-HTTP registry with filesystem storage under {@code workDir}. */
  public static DockerRegistryProcess start(Path workDir) {
    Path binary = RealTools.require("docker-registry");
    try {
      int port = freePort();
      Path storage = Files.createDirectories(workDir.resolve("storage"));
      Path config = workDir.resolve("config.yml");
      Files.writeString(config, String.join("\n",
          "version: 0.1",
          "log:",
          "  level: info",
          "storage:",
          "  filesystem:",
          "    rootdirectory: " + storage.toAbsolutePath(),
          "  delete:",
          "    enabled: true",
          "http:",
          "  addr: 127.0.0.1:" + port,
          "  secret: ferry-integration-test",
          ""), StandardCharsets.UTF_8);
      Path log = workDir.resolve("registry.log");
      Process p = new ProcessBuilder(binary.toString(), "serve", config.toString())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
      DockerRegistryProcess registry = new DockerRegistryProcess(p, port, log);
      registry.awaitReady();
      return registry;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start docker-registry", e);
    }
  }

  /** {@code 127.0.0.1:PORT}, usable as the registry part of an image reference. */
  public String address() {
    return "127.0.0.1:" + port;
  }

  /** The base URL of the API, {@code http://127.0.0.1:PORT}. */
  public URI baseUri() {
    return URI.create("http://" + address());
  }

  /** The registry's own log, for failure messages. */
  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("docker-registry exited with " + process.exitValue() + ":\n" + logTail());
      }
      try {
        HttpURLConnection c = (HttpURLConnection) baseUri().resolve("/v2/").toURL().openConnection();
        c.setConnectTimeout(500);
        c.setReadTimeout(1000);
        int status = c.getResponseCode();
        c.disconnect();
        if (status == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    close();
    throw new AssertionError("docker-registry did not answer /v2/ within " + STARTUP + ":\n" + logTail());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
