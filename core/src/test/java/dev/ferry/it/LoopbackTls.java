package dev.ferry.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * A throwaway test CA and a {@code localhost} server certificate signed by it: the server side
 * for an HTTPS {@code MockWebServer}, the client side for an HTTP client that trusts
 * this CA and nothing else, so a stand-in is reached over real TLS with hostname verification
 * and no public endpoint would be trusted by accident. Needs {@code okhttp-tls} on the test classpath.
 */
public final class LoopbackTls {
  public static final String HOST = "localhost";

  private final HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0)
      .commonName("Ferry test CA").duration(1, TimeUnit.HOURS).ecdsa256().build();
  private final HeldCertificate server = new HeldCertificate.Builder().commonName(HOST)
      .addSubjectAlternativeName(HOST).signedBy(ca).duration(1, TimeUnit.HOURS).ecdsa256().build();

  /** For {@code MockWebServer.useHttps}: the server certificate with its chain up to the CA. */
  public HandshakeCertificates serverCertificates() {
    return new HandshakeCertificates.Builder().heldCertificate(server, ca.certificate()).build();
  }

  /**
   * Starts a stand-in on {@link #HOST} over HTTPS with the server certificate, answering
   * every request with {@code answer}.
   */
  public void serveHttps(MockWebServer server, Function<RecordedRequest, MockResponse> answer) throws IOException {
    server.useHttps(serverCertificates().sslSocketFactory());
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return answer.apply(request);
      }
    });
    server.start(address(), 0);
  }

  /** The test CA's certificate, e.g. for {@code RegistryOptions.builder().caCertificates(...)}. */
  public X509Certificate caCertificate() {
    return ca.certificate();
  }

  /** Trusts the test CA only: the platform's trusted roots are not added. */
  public SSLContext clientContext() {
    return new HandshakeCertificates.Builder().addTrustedCertificate(ca.certificate()).build().sslContext();
  }

  /** The address {@link #HOST} resolves to first, which is where a client will connect. */
  public static InetAddress address() {
    try {
      return InetAddress.getByName(HOST);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("localhost does not resolve", e);
    }
  }
}
