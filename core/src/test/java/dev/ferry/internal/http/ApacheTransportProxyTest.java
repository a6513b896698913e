package dev.ferry.internal.http;

import static dev.ferry.internal.http.TransportTests.CONTEXT;
import static dev.ferry.internal.http.TransportTests.ok;
import static dev.ferry.internal.http.TransportTests.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.registry.ProxyOptions;
import dev.ferry.registry.RegistryOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A MockWebServer plays the HTTP proxy: it sees absolute-URI requests and CONNECT tunnels. */
class ApacheTransportProxyTest {
  private final MockWebServer proxy = new MockWebServer();
  private ApacheTransport transport;

  @BeforeEach
  void start() throws IOException {
    proxy.start();
  }

  @AfterEach
  void stop() {
    if (transport != null) {
      transport.close();
    }
    proxy.close();
  }

  private TransportSettings.Builder settings() {
    return TransportTests.settings(new RecordingSleeper());
  }

  @Test
  void sendsPlainHttpRequestsToAFixedProxyWithTheAbsoluteUri() throws Exception {
    proxy.enqueue(ok("via proxy"));
    transport = new ApacheTransport(settings().proxy(ProxyOptions.of("localhost", proxy.getPort())).build());

    Response response = transport.execute(Request.of("GET", URI.create("http://registry.invalid:5000/v2/")), CONTEXT);

    assertThat(text(response)).isEqualTo("via proxy");
    RecordedRequest atProxy = proxy.takeRequest();
    assertThat(atProxy.getRequestLine()).isEqualTo("GET http://registry.invalid:5000/v2/ HTTP/1.1");
    assertThat(atProxy.getHeaders().get("Host")).isEqualTo("registry.invalid:5000");
  }

  @Test
  void asksAProxySelectorPerRoute() throws Exception {
    proxy.enqueue(ok("selected"));
    List<URI> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
    ProxySelector selector = new ProxySelector() {
      @Override
      public List<Proxy> select(URI uri) {
        asked.add(uri);
        return List.of(new Proxy(Proxy.Type.HTTP, new InetSocketAddress("localhost", proxy.getPort())));
      }

      @Override
      public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {}
    };
    transport = new ApacheTransport(settings().proxy(ProxyOptions.selector(selector)).build());

    assertThat(text(transport.execute(Request.of("GET", URI.create("http://registry.invalid/v2/")), CONTEXT)))
        .isEqualTo("selected");
    assertThat(asked).isNotEmpty();
    assertThat(asked.get(0).getHost()).isEqualTo("registry.invalid");
  }

  @Test
  void tunnelsHttpsAndPicksTlsSettingsByTheRegistryNotTheProxy() throws Exception {
    TestCertificates certs = TestCertificates.shared();
    proxy.useHttps(certs.serverSocketFactory());
    proxy.enqueue(new MockResponse.Builder().inTunnel().build());
    proxy.enqueue(ok("tunnelled"));
    // the proxy's certificate names localhost; only options for registry.invalid let it pass
    transport = new ApacheTransport(settings().proxy(ProxyOptions.of("localhost", proxy.getPort()))
        .registry("registry.invalid", RegistryOptions.builder().insecureTls().build()).build());

    Response response = transport.execute(Request.of("GET", URI.create("https://registry.invalid/v2/")), CONTEXT);

    assertThat(text(response)).isEqualTo("tunnelled");
    assertThat(proxy.takeRequest().getRequestLine()).isEqualTo("CONNECT registry.invalid:443 HTTP/1.1");
    assertThat(proxy.takeRequest().getRequestLine()).isEqualTo("GET /v2/ HTTP/1.1");
  }
}
