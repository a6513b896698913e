package dev.ferry.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.internal.http.TestCertificates;
import dev.ferry.it.DockerRegistryProcess;
import dev.ferry.manifest.Descriptor;
import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Collections;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docker-registry serving HTTPS with a certificate from a self-signed test CA. */
class RegistryClientTlsIT {
  @TempDir
  static Path work;

  private static DockerRegistryProcess registry;
  private static TestCertificates certificates;

  @BeforeAll
  static void start() throws Exception {
    certificates = TestCertificates.shared();
    KeyStore server = certificates.serverKeyStore();
    String alias = Collections.list(server.aliases()).stream().filter(a -> {
      try {
        return server.isKeyEntry(a);
      } catch (java.security.KeyStoreException e) {
        return false;
      }
    }).findFirst().orElseThrow();
    Key key = server.getKey(alias, TestCertificates.PASSWORD);
    StringBuilder chain = new StringBuilder();
    for (Certificate c : server.getCertificateChain(alias)) {
      chain.append(TestCertificates.pem("CERTIFICATE", c.getEncoded()));
    }
    Path certPem = Files.writeString(work.resolve("server-chain.pem"), chain);
    Path keyPem = Files.writeString(work.resolve("server-key.pem"), TestCertificates.pem("PRIVATE KEY", key.getEncoded()));
    registry = DockerRegistryProcess.builder(work.resolve("registry")).tls(certPem, keyPem).start();
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  private static void pushAndRead(RegistryClient client) throws Exception {
    byte[] content = "over verified TLS".getBytes(StandardCharsets.UTF_8);
    ImageReference repository = ImageReference.parse(registry.address() + "/tls/app");
    Descriptor blob = Descriptor.of("application/octet-stream", Digest.sha256(content), content.length);
    client.pushBlob(repository, blob, BlobSource.of(content));
    try (InputStream in = client.openBlob(repository, blob)) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }
  }

  @Test
  void refusesTheSelfSignedRegistryByDefault() {
    try (RegistryClient client = RegistryClient.builder()
        .retryPolicy(RetryPolicy.none()).build()) {
      assertThatThrownBy(() -> client.ping(registry.address()))
          .isInstanceOfSatisfying(TransportException.class, e -> {
            assertThat(e.registry()).isEqualTo(registry.address());
            assertThat(e.getCause()).isInstanceOf(javax.net.ssl.SSLException.class);
          });
    }
  }

  @Test
  void verifiesTheRegistryWithItsCa() throws Exception {
    try (RegistryClient client = RegistryClient.builder()
        .registry(registry.address(), RegistryOptions.builder().caCertificatesPem(certificates.caPem()).build())
        .build()) {
      assertThat(client.ping(registry.address()).endpoint().getScheme()).isEqualTo("https");
      pushAndRead(client);
    }
  }

  @Test
  void acceptsTheRegistryWhenNamedInsecure() throws Exception {
    try (RegistryClient client = RegistryClient.builder().insecure(registry.address()).build()) {
      assertThat(client.ping(registry.address()).endpoint().getScheme()).isEqualTo("https");
      pushAndRead(client);
    }
  }
}
