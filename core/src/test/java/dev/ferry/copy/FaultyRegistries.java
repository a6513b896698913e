package dev.ferry.copy;

import dev.ferry.auth.Credential;
import dev.ferry.auth.CredentialProvider;
import dev.ferry.it.DockerRegistryProcess;
import dev.ferry.it.FaultProxy;
import dev.ferry.it.TokenServer;
import dev.ferry.manifest.ImageManifest;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryClient;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts {@link CopyFaultToleranceIT} puts together: two plain {@code docker-registry}
 * processes (source and destination), a token-auth one started on first use, and the fault
 * proxies and clients each test makes, closed when the test ends. Clients have the default
 * settings; only plain HTTP and credentials are set.
 */
final class FaultyRegistries implements AutoCloseable {
  static final String USER = "ferry";
  static final String PASSWORD = "fault-pa55";
  static final int LAYER = 3 * 1024 * 1024;

  /** A docker-registry with token auth, its token server reached through a proxy that can kill it. */
  record SecuredRegistry(TokenServer tokens, FaultProxy realm, DockerRegistryProcess registry) {
    ImageReference ref(String path) {
      return ImageReference.parse(registry.address() + "/" + path);
    }
  }

  private final Path work;
  final DockerRegistryProcess source;
  final DockerRegistryProcess destination;
  /** Seeds sources and reads results past every proxy. */
  final RegistryClient direct;
  private SecuredRegistry secured;
  private final List<AutoCloseable> perTest = new ArrayList<>();

  private FaultyRegistries(Path work) {
    this.work = work;
    this.source = DockerRegistryProcess.start(work.resolve("source"));
    this.destination = DockerRegistryProcess.start(work.resolve("destination"));
    this.direct = RegistryClient.builder().plainHttp(source.address(), destination.address()).build();
  }

  static FaultyRegistries start(Path work) {
    return new FaultyRegistries(work);
  }

  /** The token-auth registry; its realm's rules are dropped at the end of each test. */
  SecuredRegistry secured() {
    if (secured == null) {
      TokenServer tokens = TokenServer.start(work.resolve("tokens")).user(USER, PASSWORD);
      FaultProxy realm = FaultProxy.start(URI.create(tokens.realm()));
      DockerRegistryProcess registry = DockerRegistryProcess.builder(work.resolve("secured"))
          .token(realm.baseUri() + "/token", TokenServer.SERVICE, TokenServer.ISSUER, tokens.rootCertBundle()).start();
      secured = new SecuredRegistry(tokens, realm, registry);
    }
    return secured;
  }

  /** A fault proxy in front of a registry, for this test only. */
  FaultProxy proxy(DockerRegistryProcess registry) {
    return keep(FaultProxy.start(registry.baseUri()));
  }

  /** An anonymous client with default settings, for this test only. */
  RegistryClient client(FaultProxy... proxies) {
    return client(CredentialProvider.anonymous(), proxies);
  }

  /** A client with default settings and these credentials, for this test only. */
  RegistryClient client(CredentialProvider credentials, FaultProxy... proxies) {
    List<String> hosts = new ArrayList<>();
    for (FaultProxy p : proxies) {
      hosts.add(p.address());
    }
    return keep(client(hosts, credentials));
  }

  /** A client of its own for the secured registry, with the test user's credentials; the caller closes it. */
  RegistryClient reader(SecuredRegistry registry) {
    return client(List.of(registry.registry().address()),
        CredentialProvider.of(registry.registry().address(), Credential.basic(USER, PASSWORD)));
  }

  private RegistryClient client(List<String> hosts, CredentialProvider credentials) {
    List<String> all = new ArrayList<>(hosts);
    all.addAll(List.of(source.address(), destination.address()));
    return RegistryClient.builder().plainHttp(all.toArray(String[]::new)).credentials(credentials).build();
  }

  static CredentialProvider credentials(FaultProxy proxy) {
    return CredentialProvider.of(proxy.address(), Credential.basic(USER, PASSWORD));
  }

  /** Pushes an image with a 3 MiB and a 50 kB layer to the source, contents drawn from the path. */
  ImageManifest seed(String path) {
    return CopyFixtures.pushImage(direct, src(path), path.hashCode(), LAYER, 50_000);
  }

  ImageReference src(String path) {
    return ImageReference.parse(source.address() + "/" + path);
  }

  ImageReference dst(String path) {
    return ImageReference.parse(destination.address() + "/" + path);
  }

  static ImageReference at(FaultProxy proxy, String path) {
    return ImageReference.parse(proxy.address() + "/" + path);
  }

  private <T extends AutoCloseable> T keep(T part) {
    perTest.add(part);
    return part;
  }

  /** Closes what the test made, newest first, and revives the token realm. */
  void endTest() {
    for (int i = perTest.size() - 1; i >= 0; i--) {
      closeQuietly(perTest.get(i));
    }
    perTest.clear();
    if (secured != null) {
      secured.realm().clearRules();
    }
  }

  @Override
  public void close() {
    endTest();
    if (secured != null) {
      closeQuietly(secured.registry());
      closeQuietly(secured.realm());
      closeQuietly(secured.tokens());
    }
    closeQuietly(direct);
    closeQuietly(source);
    closeQuietly(destination);
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // the next part still gets closed
    }
  }
}
