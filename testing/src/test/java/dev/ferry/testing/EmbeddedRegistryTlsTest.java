package dev.ferry.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.manifest.Manifest;
import dev.ferry.registry.RegistryClient;
import dev.ferry.registry.RegistryOptions;
import dev.ferry.registry.RetryPolicy;
import dev.ferry.registry.TransportException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS with a CA generated per registry, handed to the test; and plain HTTP that turns TLS away at once. */
class EmbeddedRegistryTlsTest {
  private static EmbeddedRegistry registry;

  @TempDir
  Path work;

  @BeforeAll
  static void start() {
    registry = EmbeddedRegistry.builder().tls().start();
  }

  @AfterAll
  static void stop() {
    registry.close();
  }

  @Test
  void theCaIsACertificateAuthorityAndSignedTheServerCertificateForLoopbackNames() throws Exception {
    X509Certificate ca = registry.caCertificate();
    X509Certificate server;
    try (SSLSocket socket = (SSLSocket) registry.sslContext().getSocketFactory()
        .createSocket(InetAddress.getLoopbackAddress(), registry.port())) {
      socket.startHandshake();
      server = (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }

    assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
    assertThat(ca.getKeyUsage()[5]).as("keyCertSign").isTrue();
    ca.verify(ca.getPublicKey());
    server.verify(ca.getPublicKey());
    assertThat(server.getBasicConstraints()).isEqualTo(-1);
    assertThat(server.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    assertThat(server.getSubjectAlternativeNames()).extracting(name -> (Object) name.get(1))
        .contains("localhost", "127.0.0.1");
    assertThat(server.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
    server.checkValidity();
    assertThat(registry.url().getScheme()).isEqualTo("https");
  }

  @Test
  void anHttpClientTrustingOnlyTheCaGetsTheApiAndOneWithoutItIsRefused() throws Exception {
    HttpsURLConnection trusted = (HttpsURLConnection) registry.url().resolve("/v2/").toURL().openConnection();
    trusted.setSSLSocketFactory(registry.sslContext().getSocketFactory());

    assertThat(trusted.getResponseCode()).isEqualTo(200);
    assertThat(trusted.getHeaderField("Docker-Distribution-API-Version")).isEqualTo("registry/2.0");
    HttpsURLConnection untrusted = (HttpsURLConnection) registry.url().resolve("/v2/").toURL().openConnection();
    untrusted.setSSLSocketFactory(SSLContext.getDefault().getSocketFactory());
    assertThatThrownBy(untrusted::getResponseCode).isInstanceOf(SSLException.class);
  }

  @Test
  void ferrysClientVerifiesTheRegistryWithTheCaFromThePemFile() throws Exception {
    Path pem = registry.writeCaPem(work.resolve("certs/ca.crt"));
    X509Certificate read = (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(pem)));
    assertThat(read).isEqualTo(registry.caCertificate());
    assertThat(Files.readString(pem)).isEqualTo(registry.caPem()).startsWith("-----BEGIN CERTIFICATE-----\n");

    TestImage image = TestImages.image().push(registry, "tls/app:1.0");
    try (RegistryClient client = RegistryClient.builder()
        .registry(registry.address(), RegistryOptions.builder().caCertificatesPem(pem).build()).build()) {
      Manifest fetched = client.fetchManifest(registry.reference("tls/app:1.0"));
      assertThat(fetched.digest()).isEqualTo(image.digest());
      assertThat(client.ping(registry.address()).endpoint().getScheme()).isEqualTo("https");
    }
  }

  @Test
  void ferrysClientRefusesTheRegistryWithoutTheCa() {
    try (RegistryClient client = RegistryClient.builder().retryPolicy(RetryPolicy.none()).build()) {
      assertThatThrownBy(() -> client.ping(registry.address()))
          .isInstanceOfSatisfying(TransportException.class,
              e -> assertThat(e.getCause()).isInstanceOf(SSLException.class));
    }
  }

  @Test
  void everyRegistryHasItsOwnCa() {
    try (EmbeddedRegistry other = EmbeddedRegistry.builder().tls().start()) {
      assertThat(other.caCertificate()).isNotEqualTo(registry.caCertificate());
      assertThat(other.registryOptions().caCertificates()).containsExactly(other.caCertificate());
    }
  }

  @Test
  void aPlainHttpRegistryHasNoCa() {
    try (EmbeddedRegistry plain = EmbeddedRegistry.start()) {
      assertThatThrownBy(plain::caCertificate).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("plain HTTP");
      assertThat(plain.registryOptions().scheme()).isEqualTo(RegistryOptions.Scheme.HTTP);
      assertThat(plain.url().getScheme()).isEqualTo("http");
    }
  }

  @Test
  void aTlsHandshakeAgainstAPlainHttpRegistryFailsAtOnceWithAnHttpAnswer() throws Exception {
    try (EmbeddedRegistry plain = EmbeddedRegistry.start()) {
      long started = System.nanoTime();
      try (SSLSocket socket = (SSLSocket) registry.sslContext().getSocketFactory()
          .createSocket(InetAddress.getLoopbackAddress(), plain.port())) {
        socket.setSoTimeout(5_000);
        assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLException.class);
      }
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));

      // what the client reads instead of a ServerHello: a plain-HTTP 400
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), plain.port())) {
        socket.setSoTimeout(5_000);
        socket.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x00, 0x05, 0x01, 0x00, 0x00, 0x01, 0x00});
        InputStream in = socket.getInputStream();
        assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 400 ");
      }
      // and the port still speaks HTTP
      assertThat(new RawHttp(plain).send("GET", "/v2/").status()).isEqualTo(200);
    }
  }

  @Test
  void plainHttpAgainstTheTlsPortFailsAtOnce() throws IOException {
    long started = System.nanoTime();
    assertThatThrownBy(() -> new RawHttp(registry).send("GET", "/v2/")).isInstanceOf(IOException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void readOptionsTrustTheCaAlone() {
    assertThat(registry.registryOptions().scheme()).isEqualTo(RegistryOptions.Scheme.HTTPS);
    assertThat(registry.registryOptions().caCertificates()).isEqualTo(List.of(registry.caCertificate()));
    assertThat(URI.create("https://" + registry.address())).isEqualTo(registry.url());
  }
}
