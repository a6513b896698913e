package dev.ferry.benchmarks;

import dev.ferry.auth.Credential;
import dev.ferry.auth.CredentialProvider;
import dev.ferry.it.DockerRegistryProcess;
import dev.ferry.it.TokenServer;
import dev.ferry.manifest.Descriptor;
import dev.ferry.manifest.ImageManifest;
import dev.ferry.manifest.Platform;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryClient;
import dev.ferry.registry.RegistryOptions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * Does HTTP/2 pay for Ferry's request pattern across a wide-area link? A real
 * {@code docker-registry} serving TLS itself (it offers h2 by ALPN) with token auth, behind
 * a raw-TCP {@link TcpDelayLine} (TLS end to end, so h2 is negotiated end to end), and its
 * token realm behind a TLS-terminating {@link DelayProxy} (HTTP/1.1). Each round builds a
 * fresh client of each {@link ProbeClient.Kind} and times two patterns:
 * <ol>
 * <li><b>cold auth</b>: manifest HEAD (401 + challenge), token GET at the realm, manifest HEAD
 * with the token: a copy's first, sequential requests to a registry;</li>
 * <li><b>blobs</b>: 50 blob HEADs, then 50 GETs of 100 KiB blobs, {@code parallelism} at a
 * time, on the connections the first pattern left open.</li>
 * </ol>
 * Reports the median wall time, the connections (each a TCP + TLS handshake) the client
 * opened to the registry and the realm, the CPU of the client's Java threads and of the
 * registry process. Usage: {@code Http2Probe [--runs N] [--rtt-ms N] [--parallelism 8,50]}.
 */
public final class Http2Probe {
  private static final String USER = "bench";
  private static final String PASSWORD = "bench-secret";
  private static final String REPOSITORY = "probe/app";
  private static final int BLOBS = 50;
  private static final int BLOB_SIZE = 100 * 1024;

  private Http2Probe() {}

  /**
   * Runs the probe and prints a Markdown table on stdout.
   *
   * @param args {@code --runs N}, {@code --rtt-ms N}, {@code --parallelism 8,50}
   * @throws Exception when a registry, a request or a check fails: the probe stops
   */
  public static void main(String[] args) throws Exception {
    int runs = 5;
    long rttMs = 50;
    List<Integer> parallelisms = List.of(8, 50);
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--rtt-ms" -> rttMs = Long.parseLong(args[++i]);
        case "--parallelism" -> parallelisms = java.util.Arrays.stream(args[++i].split(",")).map(Integer::valueOf)
            .toList();
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Path work = Files.createTempDirectory("ferry-h2-probe");
    Duration rtt = Duration.ofMillis(rttMs);
    HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).commonName("Ferry h2 probe CA")
        .duration(1, TimeUnit.DAYS).ecdsa256().build();
    HeldCertificate leaf = new HeldCertificate.Builder().commonName("127.0.0.1").addSubjectAlternativeName("127.0.0.1")
        .signedBy(ca).duration(1, TimeUnit.DAYS).ecdsa256().build();
    Path chain = Files.writeString(work.resolve("server.crt"), leaf.certificatePem() + ca.certificatePem());
    Path key = Files.writeString(work.resolve("server.key"), leaf.privateKeyPkcs8Pem());
    Path caPem = Files.writeString(work.resolve("ca.crt"), ca.certificatePem());
    SSLContext server = new HandshakeCertificates.Builder().heldCertificate(leaf, ca.certificate()).build()
        .sslContext();
    SSLContext client = new HandshakeCertificates.Builder().addTrustedCertificate(ca.certificate()).build()
        .sslContext();
    try (TokenServer tokens = TokenServer.start(Files.createDirectories(work.resolve("tokens"))).user(USER, PASSWORD);
        // the realm: TLS terminated without delay (HTTP/1.1 only), the delay (and the count) on the TCP line before it
        DelayProxy tlsRealm = DelayProxy.start("token", address(URI.create(tokens.realm())), Duration.ZERO,
            Optional.of(server), new Exchanges());
        TcpDelayLine realm = TcpDelayLine.start(address(URI.create("https://" + tlsRealm.address())), rtt);
        DockerRegistryProcess registry = DockerRegistryProcess.builder(Files.createDirectories(work.resolve("reg")))
            .tls(chain, key).token("https://127.0.0.1:" + realm.port() + "/token", TokenServer.SERVICE,
                TokenServer.ISSUER, tokens.rootCertBundle()).start();
        TcpDelayLine line = TcpDelayLine.start(address(URI.create("https://" + registry.address())), rtt)) {
      ImageManifest image = seed(registry.address(), "127.0.0.1:" + realm.port(), caPem);
      String base = "https://127.0.0.1:" + line.port() + "/v2/" + REPOSITORY;
      Site site = new Site(base, image, line, realm, registry.pid());
      CopyBenchmark.log("h2 probe: registry " + registry.address() + " behind " + line.port() + ", rtt " + rtt);
      List<String> rows = new ArrayList<>();
      for (int parallelism : parallelisms) {
        List<ProbeClient.Kind> kinds = new ArrayList<>(List.of(ProbeClient.Kind.values()));
        Map<ProbeClient.Kind, List<Round>> results = new java.util.EnumMap<>(ProbeClient.Kind.class);
        for (int run = -1; run < runs; run++) {  // run -1 warms every client up, unmeasured
          for (ProbeClient.Kind kind : kinds) {
            Round r = site.round(kind, client, parallelism);
            if (run >= 0) {
              results.computeIfAbsent(kind, k -> new ArrayList<>()).add(r);
            }
          }
          java.util.Collections.reverse(kinds);
        }
        results.forEach((kind, rounds) -> rows.add(Round.row(kind.label, parallelism, rounds)));
      }
      System.out.println("| client | parallelism | cold auth (3 requests) | 50 HEAD + 50 GET of 100 KiB | protocol"
          + " | connections: registry / realm | client CPU | registry CPU |");
      System.out.println("|---|---|---|---|---|---|---|---|");
      rows.forEach(System.out::println);
    }
  }

  private static InetSocketAddress address(URI uri) {
    return new InetSocketAddress(uri.getHost(), uri.getPort());
  }

  private static ImageManifest seed(String registry, String realm, Path caPem) {
    RegistryOptions trust = RegistryOptions.builder().caCertificatesPem(caPem).build();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (RegistryClient admin = RegistryClient.builder().registry(registry, trust).registry(realm, trust)
        .credentials(CredentialProvider.of(registry, Credential.basic(USER, PASSWORD))).build()) {
      return new Seeder(admin, pool).pushImage(ImageReference.parse(registry + "/" + REPOSITORY + ":1"),
          Platform.parse("linux/amd64"), 1, BLOBS, BLOB_SIZE);
    } finally {
      pool.shutdownNow();
    }
  }

  /** The registry as the clients reach it, and what one round does there. */
  private record Site(String base, ImageManifest image, TcpDelayLine line, TcpDelayLine realm, long registryPid) {
    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    Round round(ProbeClient.Kind kind, SSLContext tls, int parallelism) throws Exception {
      int lineBefore = line.connections();
      int realmBefore = realm.connections();
      double registryCpu = Cpu.ofProcess(registryPid);
      double clientCpu = clientCpuSeconds(line, realm);
      ExecutorService workers = Executors.newFixedThreadPool(parallelism);
      try (ProbeClient client = kind.create(tls, parallelism)) {
        long start = System.nanoTime();
        String manifest = base + "/manifests/1";
        ProbeClient.Answer challenged = client.send("HEAD", manifest, Map.of());
        Map<String, String> params = new java.util.HashMap<>();
        Matcher m = PARAM.matcher(challenged.challenge().orElseThrow(() -> new IllegalStateException(
            "no challenge on " + challenged)));
        while (m.find()) {
          params.put(m.group(1), m.group(2));
        }
        String basic = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        ProbeClient.Answer token = client.send("GET", params.get("realm") + "?service=" + params.get("service")
            + "&scope=" + params.get("scope"), Map.of("Authorization", "Basic " + basic));
        Matcher t = Pattern.compile("\"(?:access_)?token\"\\s*:\\s*\"([^\"]+)\"").matcher(token.text());
        if (!t.find()) {
          throw new IllegalStateException("no token in " + token);
        }
        Map<String, String> bearer = Map.of("Authorization", "Bearer " + t.group(1), "Accept",
            image.mediaType());
        ProbeClient.Answer head = client.send("HEAD", manifest, bearer);
        check(head, 200, -1);
        long auth = System.nanoTime() - start;
        List<Future<ProbeClient.Answer>> heads = new ArrayList<>();
        for (Descriptor layer : image.layers()) {
          heads.add(workers.submit(() -> client.send("HEAD", base + "/blobs/" + layer.digest(), bearer)));
        }
        for (Future<ProbeClient.Answer> f : heads) {
          check(f.get(), 200, -1);
        }
        List<Future<ProbeClient.Answer>> gets = new ArrayList<>();
        for (Descriptor layer : image.layers()) {
          gets.add(workers.submit(() -> client.send("GET", base + "/blobs/" + layer.digest(), bearer)));
        }
        String protocol = "";
        for (int i = 0; i < gets.size(); i++) {
          ProbeClient.Answer got = gets.get(i).get();
          check(got, 200, image.layers().get(i).size());
          protocol = got.protocol();
        }
        long blobs = System.nanoTime() - start - auth;
        double cpu = clientCpuSeconds(line, realm) - clientCpu;
        return new Round(auth / 1e9, blobs / 1e9, protocol, line.connections() - lineBefore,
            realm.connections() - realmBefore, cpu, Cpu.ofProcess(registryPid) - registryCpu);
      } finally {
        workers.shutdownNow();
        workers.awaitTermination(10, TimeUnit.SECONDS);
      }
    }

    private static void check(ProbeClient.Answer answer, int status, long bytes) {
      if (answer.status() != status || (bytes >= 0 && answer.bytes() != bytes)) {
        throw new IllegalStateException("expected " + status + (bytes >= 0 ? " with " + bytes + " bytes" : "")
            + ", got " + answer);
      }
    }
  }

  /**
   * This JVM's CPU seconds (every thread: the client's, its I/O threads, GC and JIT) less the
   * delay lines' and the realm's TLS proxy's: the link and the realm are not the client.
   */
  static double clientCpuSeconds(TcpDelayLine line, TcpDelayLine realm) {
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long proxy = 0;
    for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
      if (info != null && info.getThreadName().startsWith("delay-proxy")) {
        proxy += Math.max(0, mx.getThreadCpuTime(info.getThreadId()));
      }
    }
    return (os.getProcessCpuTime() - proxy) / 1e9 - line.cpuSeconds() - realm.cpuSeconds();
  }
}
