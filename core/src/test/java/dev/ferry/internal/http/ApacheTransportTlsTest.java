package dev.ferry.internal.http;

import static dev.ferry.internal.http.TransportTests.CONTEXT;
import static dev.ferry.internal.http.TransportTests.https;
import static dev.ferry.internal.http.TransportTests.ok;
import static dev.ferry.internal.http.TransportTests.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.registry.RegistryOptions;
import dev.ferry.registry.TransportException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.net.ssl.SSLException;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real TLS handshakes against a MockWebServer presenting certificates from {@link TestCertificates}. */
class ApacheTransportTlsTest {
  private static final TestCertificates CERTS = TestCertificates.shared();

  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final MockWebServer server = new MockWebServer();
  private ApacheTransport transport;

  @BeforeEach
  void start() throws Exception {
    server.useHttps(CERTS.serverSocketFactory());
  }

  @AfterEach
  void stop() {
    if (transport != null) {
      transport.close();
    }
    server.close();
  }

  private String registry() {
    return "localhost:" + server.getPort();
  }

  private Response get(RegistryOptions options) {
    TransportSettings.Builder settings = TransportTests.settings(sleeper);
    if (options != null) {
      settings.registry(registry(), options);
    }
    transport = new ApacheTransport(settings.build());
    return transport.execute(Request.of("GET", https(server, "/v2/")), CONTEXT);
  }

  @Test
  void refusesAnUnknownCaByDefaultWithATypedErrorAndNoRetries() throws Exception {
    server.start();

    assertThatThrownBy(() -> get(null))
        .isInstanceOf(TransportException.class)
        .hasMessageStartingWith("GET https://localhost:" + server.getPort() + "/v2/ failed: TLS handshake failed: "
            + "the server's certificate is not trusted (add its CA with RegistryOptions caCertificates, "
            + "or name the registry insecure): PKIX path building failed")
        .hasCauseInstanceOf(SSLException.class);
    assertThat(sleeper.waits).isEmpty();
  }

  @Test
  void trustsAnExtraCaCertificate() throws Exception {
    server.start();
    server.enqueue(ok("trusted"));

    assertThat(text(get(RegistryOptions.builder().caCertificates(List.of(CERTS.ca())).build()))).isEqualTo("trusted");
  }

  @Test
  void trustsAnExtraCaFromPem() throws Exception {
    server.start();
    server.enqueue(ok("trusted"));

    assertThat(text(get(RegistryOptions.builder().caCertificatesPem(CERTS.caPem()).build()))).isEqualTo("trusted");
  }

  @Test
  void insecureSkipsVerification() throws Exception {
    server.start();
    server.enqueue(ok("unverified"));

    assertThat(text(get(RegistryOptions.builder().insecure().build()))).isEqualTo("unverified");
  }

  @Test
  void insecureTlsSkipsHostNameVerificationToo() throws Exception {
    server.useHttps(CERTS.otherHostSocketFactory());
    server.start();
    server.enqueue(ok("unverified"));

    assertThat(text(get(RegistryOptions.builder().insecureTls().build()))).isEqualTo("unverified");
  }

  @Test
  void aTrustedCaDoesNotExcuseTheWrongHostName() throws Exception {
    server.useHttps(CERTS.otherHostSocketFactory());
    server.start();

    assertThatThrownBy(() -> get(RegistryOptions.builder().caCertificates(List.of(CERTS.ca())).build()))
        .isInstanceOf(TransportException.class)
        .hasMessageContaining("TLS handshake failed: the server's certificate does not match the host name");
  }

  @Test
  void optionsApplyToTheirOwnHostAndPortOnly() throws Exception {
    server.start();
    TransportSettings settings = TransportTests.settings(sleeper)
        .registry("localhost:" + (server.getPort() == 65535 ? 1 : server.getPort() + 1),
            RegistryOptions.builder().insecure().build())
        .registry("127.0.0.1:" + server.getPort(), RegistryOptions.builder().insecure().build())
        .build();
    transport = new ApacheTransport(settings);

    assertThatThrownBy(() -> transport.execute(Request.of("GET", https(server, "/v2/")), CONTEXT))
        .isInstanceOf(TransportException.class)
        .hasMessageContaining("TLS handshake failed");
  }

  @Test
  void mutualTlsIsRefusedWithoutAClientCertificate() throws Exception {
    server.requireClientAuth();
    server.start();

    assertThatThrownBy(() -> get(RegistryOptions.builder().caCertificates(List.of(CERTS.ca())).build()))
        .isInstanceOf(TransportException.class)
        // TLS 1.3 refuses a client after the client thinks the handshake is done: the alert
        // usually arrives in time to be read, but the server may close first (broken pipe)
        .hasMessageMatching(".* failed: (TLS handshake failed: the server refused the client certificate"
            + "|connection failed: (Broken pipe|Connection reset)).*");
  }

  @Test
  void mutualTlsIsAcceptedWithAClientCertificate() throws Exception {
    server.requireClientAuth();
    server.start();
    server.enqueue(ok("hello client"));

    Response response = get(RegistryOptions.builder().caCertificates(List.of(CERTS.ca()))
        .clientCertificate(CERTS.clientKey(), CERTS.clientChain()).build());

    assertThat(text(response)).isEqualTo("hello client");
    assertThat(server.takeRequest().getHandshake().peerPrincipal().getName()).contains("CN=ferry-test-client");
  }

  @Test
  void mutualTlsWorksWithPemFilesAndWithAPkcs12Store() throws Exception {
    server.requireClientAuth();
    server.start();
    server.enqueue(ok("pem"));
    server.enqueue(ok("p12"));

    assertThat(text(get(RegistryOptions.builder().caCertificatesPem(CERTS.caPem())
        .clientCertificatePem(CERTS.clientChainPem(), CERTS.clientKeyPem()).build()))).isEqualTo("pem");
    transport.close();
    assertThat(text(get(RegistryOptions.builder().caCertificatesPem(CERTS.caPem())
        .clientKeyStore(CERTS.clientPkcs12(), TestCertificates.PASSWORD).build()))).isEqualTo("p12");
  }

  @Test
  void mutualTlsWithAnUnverifiedServer() throws Exception {
    server.requireClientAuth();
    server.start();
    server.enqueue(ok("both"));

    assertThat(text(get(RegistryOptions.builder().insecureTls()
        .clientCertificate(CERTS.clientKey(), CERTS.clientChain()).build()))).isEqualTo("both");
  }

  @Test
  void httpsToAPlainHttpServerFailsAtOnceSoACallerCanFallBackToHttp() throws Exception {
    // what Go's net/http (so most registries) answers a TLS hello on a plain HTTP port
    try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread answer = new Thread(() -> {
        try (Socket s = plain.accept()) {
          s.getInputStream().read(new byte[512]);
          s.getOutputStream().write("HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n"
              .getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
          // the test fails on the client side if this does
        }
      });
      answer.start();
      transport = new ApacheTransport(TransportTests.settings(sleeper)
          .registry("127.0.0.1:" + plain.getLocalPort(), RegistryOptions.builder().insecure().build()).build());

      assertThatThrownBy(() -> transport.execute(Request.of("GET",
          URI.create("https://127.0.0.1:" + plain.getLocalPort() + "/v2/")), CONTEXT))
          .isInstanceOf(TransportException.class)
          .hasMessageContaining("failed: TLS failure: Unsupported or unrecognized SSL message")
          .hasMessageContaining("the server gave an HTTP response to an HTTPS client: if the registry speaks plain"
              + " HTTP, name it with RegistryClientBuilder.plainHttp(\"host:port\")")
          .hasCauseInstanceOf(SSLException.class);
      assertThat(sleeper.waits).isEmpty();
      answer.join(5000);
    }
  }
}
