package dev.ferry.internal.http;

import dev.ferry.registry.ProxyOptions;
import java.net.ProxySelector;
import java.time.Duration;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.SystemDefaultRoutePlanner;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Builds the one pooled HttpClient a transport shares between all calls. Everything
 * HttpClient would do on its own that Ferry does itself, or must not do, is off:
 * redirects and retries (the transport's), authentication (the auth layer's),
 * cookies (would travel between hosts), and content decompression (bytes are truth:
 * digests and Content-Length are of what the registry stored).
 */
final class ApacheClients {
  private ApacheClients() {}

  static CloseableHttpClient create(TransportSettings settings) {
    Timeout connect = timeout(settings.connectTimeout());
    Timeout socket = timeout(settings.socketTimeout());
    PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
        .setTlsSocketStrategy(new PerHostTlsStrategy(settings))
        .setMaxConnTotal(settings.maxConnectionsTotal())
        .setMaxConnPerRoute(settings.maxConnectionsPerRoute())
        .setDefaultConnectionConfig(ConnectionConfig.custom()
            .setConnectTimeout(connect)
            .setSocketTimeout(socket)
            // a pooled connection idle this long is checked before reuse (servers close idle ones)
            .setValidateAfterInactivity(TimeValue.ofSeconds(2))
            .build())
        .setDefaultSocketConfig(SocketConfig.custom()
            .setSoTimeout(socket)
            .setTcpNoDelay(true)
            .setSoKeepAlive(true)
            .build())
        .setDefaultTlsConfig(TlsConfig.custom().setHandshakeTimeout(connect).build())
        .build();
    HttpClientBuilder builder = HttpClients.custom()
        .setConnectionManager(pool)
        .disableRedirectHandling()
        .disableAutomaticRetries()
        .disableCookieManagement()
        .disableContentCompression()
        .disableAuthCaching()
        .setUserAgent(settings.userAgent())
        .setDefaultRequestConfig(RequestConfig.custom()
            .setConnectionRequestTimeout(timeout(settings.connectionRequestTimeout()))
            .setRedirectsEnabled(false)
            .setAuthenticationEnabled(false)
            .setContentCompressionEnabled(false)
            .build());
    ProxyOptions proxy = settings.proxy();
    switch (proxy.kind()) {
      case FIXED -> builder.setProxy(new HttpHost(proxy.host().orElseThrow(), proxy.port().orElseThrow()));
      case SYSTEM -> {
        // read when asked, never earlier: the one piece of global state the transport consults
        ProxySelector system = ProxySelector.getDefault();
        if (system != null) {
          builder.setRoutePlanner(new SystemDefaultRoutePlanner(system));
        }
      }
      case SELECTOR -> builder.setRoutePlanner(new SystemDefaultRoutePlanner(proxy.selector().orElseThrow()));
      case NONE -> { }
      default -> throw new IllegalStateException("unknown proxy kind " + proxy.kind());
    }
    return builder.build();
  }

  private static Timeout timeout(Duration d) {
    return Timeout.ofMilliseconds(Math.max(1, d.toMillis()));
  }
}
