package dev.ferry.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.http2.config.H2Config;
import org.apache.hc.core5.io.CloseMode;

/**
 * One HTTP client under test in {@link Http2Probe}: sends a request, reads the whole
 * body, and answers status, body length, the body as text (small bodies) and the
 * {@code WWW-Authenticate} challenge. Blocking; callers bring their own threads.
 */
interface ProbeClient extends AutoCloseable {
  /** What a probe request got back. */
  record Answer(int status, long bytes, String text, Optional<String> challenge, String protocol) {}

  Answer send(String method, String url, Map<String, String> headers) throws IOException;

  @Override
  void close();

  /** The kinds compared, each built fresh per round so that connections are opened cold. */
  enum Kind {
    APACHE_CLASSIC_H1("Apache classic, HTTP/1.1, pool = parallelism"),
    APACHE_ASYNC_H2("Apache async, ALPN h2, multiplexed"),
    JDK_H2("JDK HttpClient, ALPN h2");

    final String label;

    Kind(String label) {
      this.label = label;
    }

    ProbeClient create(SSLContext tls, int parallelism) {
      return switch (this) {
        case APACHE_CLASSIC_H1 -> new Classic(tls, parallelism);
        case APACHE_ASYNC_H2 -> new Async(tls, parallelism);
        case JDK_H2 -> new Jdk(tls);
      };
    }
  }

  /** HTTP/1.1 with a pool of {@code parallelism} connections per host: Ferry's transport today. */
  final class Classic implements ProbeClient {
    private final CloseableHttpClient client;

    Classic(SSLContext tls, int parallelism) {
      client = HttpClients.custom().setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
          .setTlsSocketStrategy(ClientTlsStrategyBuilder.create().setSslContext(tls).buildClassic())
          .setMaxConnPerRoute(parallelism).setMaxConnTotal(2 * parallelism).build())
          .disableAutomaticRetries().disableContentCompression().disableCookieManagement().build();
    }

    @Override
    public Answer send(String method, String url, Map<String, String> headers) throws IOException {
      ClassicRequestBuilder request = ClassicRequestBuilder.create(method).setUri(url);
      headers.forEach(request::setHeader);
      return client.execute(request.build(), response -> {
        byte[] body = response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity());
        Header challenge = response.getFirstHeader("WWW-Authenticate");
        return new Answer(response.getCode(), body.length, text(body),
            Optional.ofNullable(challenge).map(Header::getValue), String.valueOf(response.getVersion()));
      });
    }

    @Override
    public void close() {
      client.close(CloseMode.IMMEDIATE);
    }
  }

  /**
   * HttpClient 5's async client, ALPN choosing h2 where the server offers it (HTTP/1.1
   * otherwise, e.g. the token realm), one multiplexed connection per h2 host, and a
   * 16 MiB stream window (the 64 KiB default would stall every 100 KiB body for a round trip).
   */
  final class Async implements ProbeClient {
    private final CloseableHttpAsyncClient client;

    Async(SSLContext tls, int parallelism) {
      client = HttpAsyncClients.custom().setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
          .setTlsStrategy(ClientTlsStrategyBuilder.create().setSslContext(tls).buildAsync())
          .setDefaultTlsConfig(TlsConfig.custom().setVersionPolicy(HttpVersionPolicy.NEGOTIATE).build())
          .setMessageMultiplexing(true)
          .setMaxConnPerRoute(parallelism).setMaxConnTotal(2 * parallelism).build())
          .setH2Config(H2Config.custom().setInitialWindowSize(16 * 1024 * 1024).build())
          .disableAutomaticRetries().disableCookieManagement().build();
      client.start();
    }

    @Override
    public Answer send(String method, String url, Map<String, String> headers) throws IOException {
      SimpleRequestBuilder request = SimpleRequestBuilder.create(method).setUri(url);
      headers.forEach(request::setHeader);
      try {
        SimpleHttpResponse response = client.execute(request.build(), null).get(60, TimeUnit.SECONDS);
        byte[] body = response.getBodyBytes() == null ? new byte[0] : response.getBodyBytes();
        Header challenge = response.getFirstHeader("WWW-Authenticate");
        return new Answer(response.getCode(), body.length, text(body),
            Optional.ofNullable(challenge).map(Header::getValue), String.valueOf(response.getVersion()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      } catch (ExecutionException | TimeoutException e) {
        throw new IOException(method + " " + url + " failed", e);
      }
    }

    @Override
    public void close() {
      client.close(CloseMode.IMMEDIATE);
    }
  }

  /** The JDK's client: h2 by ALPN, one connection per host, its own default windows. */
  final class Jdk implements ProbeClient {
    private final HttpClient client;

    Jdk(SSLContext tls) {
      client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(tls)
          .connectTimeout(Duration.ofSeconds(10)).build();
    }

    @Override
    public Answer send(String method, String url, Map<String, String> headers) throws IOException {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
          .method(method, HttpRequest.BodyPublishers.noBody());
      headers.forEach(request::header);
      try {
        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(response.statusCode(), response.body().length, text(response.body()),
            response.headers().firstValue("WWW-Authenticate"), response.version().toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }

    @Override
    public void close() {
      // Java 17's HttpClient has no close(): its connections end when it is collected or idle
    }
  }

  private static String text(byte[] body) {
    return body.length > 4096 ? "" : new String(body, java.nio.charset.StandardCharsets.UTF_8);
  }
}
