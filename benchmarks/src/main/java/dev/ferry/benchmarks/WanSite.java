package dev.ferry.benchmarks;

import dev.ferry.auth.Credential;
import dev.ferry.auth.CredentialProvider;
import dev.ferry.it.TokenServer;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryClient;
import dev.ferry.registry.RegistryOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One variant's registries as the copiers see them: two {@code docker-registry} processes,
 * each behind a {@link DelayProxy}, and for {@link Variant#TLS_TOKEN} a token server
 * behind a third. The harness seeds and checks the registries directly (their own
 * loopback ports); every measured copy goes through the proxies, whose requests land in
 * one {@link Exchanges}.
 */
final class WanSite implements AutoCloseable {
  private final Variant variant;
  private final Registries registries;
  private final DelayProxy source;
  private final DelayProxy destination;
  private final Optional<DelayProxy> tokenProxy;
  private final Optional<TokenServer> tokens;
  private final Optional<WanTls> tls;
  private final Optional<Path> authFile;
  private final Exchanges log;

  private WanSite(Variant variant, Registries registries, DelayProxy source, DelayProxy destination,
      Optional<DelayProxy> tokenProxy, Optional<TokenServer> tokens, Optional<WanTls> tls, Optional<Path> authFile,
      Exchanges log) {
    this.variant = variant;
    this.registries = registries;
    this.source = source;
    this.destination = destination;
    this.tokenProxy = tokenProxy;
    this.tokens = tokens;
    this.tls = tls;
    this.authFile = authFile;
    this.log = log;
  }

  static WanSite start(Variant variant, Path work, Duration rtt) throws IOException {
    Exchanges log = new Exchanges();
    if (variant == Variant.PLAIN) {
      Registries registries = Registries.start(work);
      return new WanSite(variant, registries, proxy("source", registries.source(), rtt, Optional.empty(), log),
          proxy("destination", registries.destination(), rtt, Optional.empty(), log), Optional.empty(),
          Optional.empty(), Optional.empty(), Optional.empty(), log);
    }
    WanTls tls = WanTls.create(work);
    TokenServer tokens = TokenServer.start(work.resolve("tokens")).user(WanTls.USER, WanTls.PASSWORD);
    URI tokenServer = URI.create(tokens.realm());
    DelayProxy tokenProxy = DelayProxy.start("token", new InetSocketAddress("127.0.0.1", tokenServer.getPort()), rtt,
        Optional.of(tls.serverContext()), log);
    String realm = "https://" + tokenProxy.address() + "/token";
    RegistryOptions trust = RegistryOptions.builder().caCertificatesPem(tls.caPem()).build();
    UnaryOperator<dev.ferry.it.DockerRegistryProcess.Builder> tokenAuth =
        b -> b.token(realm, TokenServer.SERVICE, TokenServer.ISSUER, tokens.rootCertBundle());
    Registries registries = Registries.start(work, tokenAuth, direct -> RegistryClient.builder()
        .plainHttp(direct.toArray(String[]::new))
        .registry(tokenProxy.address(), trust)
        .credentials(CredentialProvider.chain(direct.stream()
            .map(r -> CredentialProvider.of(r, Credential.basic(WanTls.USER, WanTls.PASSWORD))).toList()))
        .build());
    DelayProxy source = proxy("source", registries.source(), rtt, Optional.of(tls), log);
    DelayProxy destination = proxy("destination", registries.destination(), rtt, Optional.of(tls), log);
    Path auth = WanTls.writeAuthFile(work.resolve("auth.json"), List.of(source.address(), destination.address()));
    return new WanSite(variant, registries, source, destination, Optional.of(tokenProxy), Optional.of(tokens),
        Optional.of(tls), Optional.of(auth), log);
  }

  private static DelayProxy proxy(String label, String registry, Duration rtt, Optional<WanTls> tls, Exchanges log) {
    URI direct = URI.create("http://" + registry);
    return DelayProxy.start(label, new InetSocketAddress(direct.getHost(), direct.getPort()), rtt,
        tls.map(WanTls::serverContext), log);
  }

  Variant variant() {
    return variant;
  }

  /** The registries themselves, reached directly: for seeding, emptying, checking and the loopback case. */
  Registries registries() {
    return registries;
  }

  /** Where copies read from: the source behind its link. */
  String sourceAddress() {
    return source.address();
  }

  /** Where copies write to: the destination behind its link. */
  String destinationAddress() {
    return destination.address();
  }

  Exchanges log() {
    return log;
  }

  /** Waits (at most two seconds) until the connections opened since {@code sinceNanos} have ended. */
  void awaitClosed(long sinceNanos) {
    Duration wait = Duration.ofSeconds(2);
    source.awaitClosed(sinceNanos, wait);
    destination.awaitClosed(sinceNanos, wait);
    tokenProxy.ifPresent(p -> p.awaitClosed(sinceNanos, wait));
  }

  /** CPU seconds the proxies (running in this JVM) have used so far, in connections that have ended. */
  double proxyCpuSeconds() {
    return source.cpuSeconds() + destination.cpuSeconds() + tokenProxy.map(DelayProxy::cpuSeconds).orElse(0.0);
  }

  /** The hosts a client must trust the CA for: both registries' links and the token realm's. */
  private List<String> tlsHosts() {
    List<String> hosts = new ArrayList<>(List.of(source.address(), destination.address()));
    tokenProxy.ifPresent(p -> hosts.add(p.address()));
    return hosts;
  }

  /** A new client for one in-process copy, set up as the whole-process copy sets up its own. */
  RegistryClient newClient() {
    if (tls.isEmpty()) {
      return Loopback.client(List.of(ImageReference.of(source.address(), "probe"),
          ImageReference.of(destination.address(), "probe"), ImageReference.of(registries.source(), "probe"),
          ImageReference.of(registries.destination(), "probe")));
    }
    return WanTls.client(tls.get().caPem(), authFile.orElseThrow(), tlsHosts());
  }

  /** skopeo's options for this variant, before {@code docker://SRC docker://DST}. */
  List<String> skopeoOptions() {
    if (tls.isEmpty()) {
      return List.of("--src-tls-verify=false", "--dest-tls-verify=false");
    }
    String certs = tls.get().certDirectory().toString();
    return List.of("--src-cert-dir", certs, "--dest-cert-dir", certs, "--authfile", authFile.orElseThrow().toString());
  }

  /** The main class and arguments of one whole-process copy. */
  List<String> processCopy(ImageReference from, ImageReference to, boolean allPlatforms) {
    List<String> command = new ArrayList<>();
    command.add(tls.isEmpty() ? CopyMain.class.getName() : WanCopyMain.class.getName());
    command.addAll(List.of(from.toString(), to.toString(), allPlatforms ? "--all" : "--single"));
    if (tls.isPresent()) {
      command.addAll(List.of("--ca", tls.get().caPem().toString(), "--auth", authFile.orElseThrow().toString(),
          "--tls-hosts", String.join(",", tlsHosts())));
    }
    return command;
  }

  @Override
  public void close() {
    try {
      source.close();
      destination.close();
      tokenProxy.ifPresent(DelayProxy::close);
      tokens.ifPresent(TokenServer::close);
    } finally {
      registries.close();
    }
  }
}
