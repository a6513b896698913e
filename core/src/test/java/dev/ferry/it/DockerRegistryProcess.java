package dev.ferry.it;

import java.io.IOException;
import java.io.UncheckedIOException;
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

  private final boolean tls;

  private DockerRegistryProcess(Process process, int port, Path log, boolean tls) {
    this.process = process;
    this.port = port;
    this.log = log;
    this.tls = tls;
  }

  /** The registry process's id, e.g. to read its CPU time from {@code /proc}. */
  public long pid() {
    return process.pid();
  }

  /** Starts a plain-HTTP registry with filesystem storage under {@code workDir}. */
  public static DockerRegistryProcess start(Path workDir) {
    return builder(workDir).start();
  }

  public static Builder builder(Path workDir) {
    return new Builder(workDir);
  }

  /** Settings for the generated config: TLS, htpasswd Basic auth, or token auth. */
  public static final class Builder {
    private final Path workDir;
    private Path tlsCertificate;
    private Path tlsKey;
    private Path htpasswd;
    private String tokenRealm;
    private String tokenService;
    private String tokenIssuer;
    private Path tokenRootCertBundle;

    private Builder(Path workDir) {
      this.workDir = workDir;
    }

    /** Serve HTTPS with this PEM certificate chain and PEM private key. */
    public Builder tls(Path certificatePem, Path keyPem) {
      this.tlsCertificate = certificatePem;
      this.tlsKey = keyPem;
      return this;
    }

    /** Basic auth against an htpasswd file (bcrypt entries). */
    public Builder htpasswd(Path file) {
      this.htpasswd = file;
      return this;
    }

    /** Bearer token auth: tokens from {@code realm}, signed by a key whose certificate is in the bundle. */
    public Builder token(String realm, String service, String issuer, Path rootCertBundle) {
      this.tokenRealm = realm;
      this.tokenService = service;
      this.tokenIssuer = issuer;
      this.tokenRootCertBundle = rootCertBundle;
      return this;
    }

    public DockerRegistryProcess start() {
      Path binary = RealTools.require("docker-registry");
      try {
        int port = freePort();
        Path storage = Files.createDirectories(workDir.resolve("storage"));
        List<String> config = new java.util.ArrayList<>(List.of(
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
            "  secret: ferry-integration-test"));
        if (tlsCertificate != null) {
          config.addAll(List.of("  tls:", "    certificate: " + tlsCertificate.toAbsolutePath(),
              "    key: " + tlsKey.toAbsolutePath()));
        }
        if (htpasswd != null) {
          config.addAll(List.of("auth:", "  htpasswd:", "    realm: ferry-test", "    path: " + htpasswd.toAbsolutePath()));
        } else if (tokenRealm != null) {
          config.addAll(List.of("auth:", "  token:", "    realm: " + tokenRealm, "    service: " + tokenService,
              "    issuer: " + tokenIssuer, "    rootcertbundle: " + tokenRootCertBundle.toAbsolutePath()));
        }
        config.add("");
        Path configFile = workDir.resolve("config.yml");
        Files.writeString(configFile, String.join("\n", config), StandardCharsets.UTF_8);
        Path log = workDir.resolve("registry.log");
        Process p = new ProcessBuilder(binary.toString(), "serve", configFile.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
        DockerRegistryProcess registry = new DockerRegistryProcess(p, port, log, tlsCertificate != null);
        // a test JVM that dies without closing must not leave registries behind
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly, "stop-docker-registry"));
        registry.awaitReady();
        return registry;
      } catch (IOException e) {
        throw new UncheckedIOException("could not start docker-registry", e);
      }
    }
  }

  /** {@code 127.0.0.1:PORT}, usable as the registry part of an image reference. */
  public String address() {
    return "127.0.0.1:" + port;
  }

  /** The base URL of the API, {@code http://127.0.0.1:PORT}. */
  public URI baseUri() {
    return URI.create((tls ? "https://" : "http://") + address());
  }

  /**
   * Every request the registry has answered so far, as {@code "METHOD /path STATUS"} from
   * its access log, in order. The registry writes a line after it answers, so this first
   * sends a marker request of its own (left out of the result) and waits for its line:
   * everything answered before the call is then in the list. Plain HTTP only.
   */
  public List<String> requests() {
    String marker = "/v2/?ferry-marker=" + java.util.UUID.randomUUID();
    try {
      java.net.HttpURLConnection c = (java.net.HttpURLConnection) URI.create("http://" + address() + marker).toURL()
          .openConnection();
      c.getResponseCode();
      c.disconnect();
      java.util.regex.Pattern line = java.util.regex.Pattern.compile("\"([A-Z]+) (\\S+) HTTP/[0-9.]+\" (\\d{3}) ");
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (System.nanoTime() < deadline) {
        List<String> requests = new java.util.ArrayList<>();
        boolean seen = false;
        for (String l : Files.readAllLines(log, StandardCharsets.UTF_8)) {
          java.util.regex.Matcher m = line.matcher(l);
          if (m.find()) {
            if (m.group(2).equals(marker)) {
              seen = true;
            } else if (!m.group(2).contains("ferry-marker=")) {
              requests.add(m.group(1) + " " + m.group(2) + " " + m.group(3));
            }
          }
        }
        if (seen) {
          return requests;
        }
        Thread.sleep(10);  // the access log is a file: nothing to wait on but its growth
      }
      throw new AssertionError("the marker request never reached docker-registry's log:\n" + logTail());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while reading the request log", e);
    }
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
      try (java.net.Socket socket = new java.net.Socket()) {
        socket.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
        return;
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
