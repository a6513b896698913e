package dev.ferry.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DelayProxyTest {
  private static final Duration RTT = Duration.ofMillis(100);

  private final Exchanges log = new Exchanges();
  private HttpServer upstream;
  private volatile CountDownLatch bothArrived = new CountDownLatch(0);

  @BeforeEach
  void startUpstream() throws IOException {
    upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    upstream.setExecutor(Executors.newCachedThreadPool());
    upstream.createContext("/", exchange -> {
      bothArrived.countDown();
      try {
        bothArrived.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      String forwarded = exchange.getRequestHeaders().getFirst("X-Forwarded-Proto");
      byte[] body = ("you asked for " + exchange.getRequestURI() + (forwarded == null ? "" : " over " + forwarded))
          .getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    upstream.start();
  }

  @AfterEach
  void stopUpstream() {
    upstream.stop(0);
  }

  @Test
  void sequentialRequestsOnOneConnectionCostARoundTripEachPlusOneForTheHandshake() throws Exception {
    try (DelayProxy proxy = DelayProxy.start("up", upstream.getAddress(), RTT, Optional.empty(), log)) {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      long start = System.nanoTime();
      for (String path : List.of("/a", "/b", "/c")) {
        HttpResponse<String> response = client.send(
            HttpRequest.newBuilder(URI.create("http://" + proxy.address() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).isEqualTo("you asked for " + path);
      }
      long elapsed = System.nanoTime() - start;

      assertThat(elapsed).isGreaterThanOrEqualTo(4 * RTT.toNanos());
      List<Exchange> seen = log.snapshot();
      assertThat(seen).extracting(Exchange::requestLine)
          .containsExactly("GET /a HTTP/1.1", "GET /b HTTP/1.1", "GET /c HTTP/1.1");
      assertThat(seen).extracting(Exchange::status).containsOnly(200);
      assertThat(seen).extracting(Exchange::newConnection).containsExactly(true, false, false);
      assertThat(log.connections()).isEqualTo(1);
      assertThat(Exchanges.longestChain(seen)).isEqualTo(3);
    }
  }

  @Test
  void requestsInFlightTogetherCountOnceInTheChain() throws Exception {
    bothArrived = new CountDownLatch(2);  // the server answers only once both requests are in
    try (DelayProxy proxy = DelayProxy.start("up", upstream.getAddress(), RTT, Optional.empty(), log)) {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      List<CompletableFuture<HttpResponse<String>>> calls = List.of("/x", "/y").stream()
          .map(p -> client.sendAsync(HttpRequest.newBuilder(URI.create("http://" + proxy.address() + p)).build(),
              HttpResponse.BodyHandlers.ofString()))
          .toList();
      for (CompletableFuture<HttpResponse<String>> call : calls) {
        assertThat(call.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      }

      assertThat(log.snapshot()).hasSize(2);
      assertThat(log.connections()).isEqualTo(2);
      assertThat(Exchanges.longestChain(log.snapshot())).isEqualTo(1);
    }
  }

  @Test
  void terminatesTlsWhoseHandshakeCostsItsOwnRoundTripAndSaysSoUpstream() throws Exception {
    HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).commonName("delay proxy test CA")
        .duration(1, TimeUnit.HOURS).ecdsa256().build();
    HeldCertificate server = new HeldCertificate.Builder().commonName("127.0.0.1").addSubjectAlternativeName("127.0.0.1")
        .signedBy(ca).duration(1, TimeUnit.HOURS).ecdsa256().build();
    HandshakeCertificates serverSide = new HandshakeCertificates.Builder().heldCertificate(server, ca.certificate()).build();
    HandshakeCertificates clientSide = new HandshakeCertificates.Builder().addTrustedCertificate(ca.certificate()).build();
    try (DelayProxy proxy = DelayProxy.start("tls", upstream.getAddress(), RTT, Optional.of(serverSide.sslContext()),
        log)) {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .sslContext(clientSide.sslContext()).build();
      long start = System.nanoTime();
      HttpResponse<String> response = client.send(
          HttpRequest.newBuilder(URI.create("https://" + proxy.address() + "/secure")).build(),
          HttpResponse.BodyHandlers.ofString());
      long elapsed = System.nanoTime() - start;

      // the relay tells the server the client came over HTTPS, as a load balancer does
      assertThat(response.body()).isEqualTo("you asked for /secure over https");
      // TCP handshake, TLS 1.3 handshake, the request: three round trips at least
      assertThat(elapsed).isGreaterThanOrEqualTo(3 * RTT.toNanos());
      assertThat(log.snapshot()).extracting(Exchange::requestLine).containsExactly("GET /secure HTTP/1.1");
    }
  }
}
