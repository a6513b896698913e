package dev.ferry.auth.azure;

import dev.ferry.it.LoopbackTls;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.util.Context;
import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Mono;

/**
 * The azure-core {@link HttpClient} handed to azure-identity in tests: the module's own JDK
 * client trusting the test CA only, behind a guard that sends nothing to a host other than
 * {@code localhost}. A request for any other host (Entra's public instance discovery, say, were
 * a setting missing) is recorded and fails like a refused connection, so a test cannot pass by
 * reaching the real Entra ID, and shows what would have left the machine.
 */
final class LoopbackOnlyHttpClient implements HttpClient {
  private final HttpClient delegate;
  private final List<String> refused = new CopyOnWriteArrayList<>();

  LoopbackOnlyHttpClient(LoopbackTls tls) {
    this.delegate = new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder().sslContext(tls.clientContext())
        .followRedirects(java.net.http.HttpClient.Redirect.NEVER).connectTimeout(java.time.Duration.ofSeconds(5))).build();
  }

  /** The URLs of requests that were not sent because their host is not loopback. */
  List<String> refused() {
    return List.copyOf(refused);
  }

  @Override
  public Mono<HttpResponse> send(HttpRequest request) {
    return send(request, Context.NONE);
  }

  @Override
  public Mono<HttpResponse> send(HttpRequest request, Context context) {
    return Mono.defer(() -> allowed(request) ? delegate.send(request, context) : Mono.error(refusal(request)));
  }

  @Override
  public HttpResponse sendSync(HttpRequest request, Context context) {
    if (!allowed(request)) {
      throw new IllegalStateException(refusal(request));
    }
    return delegate.sendSync(request, context);
  }

  private boolean allowed(HttpRequest request) {
    if (LoopbackTls.HOST.equals(request.getUrl().getHost())) {
      return true;
    }
    refused.add(request.getUrl().toString());
    return false;
  }

  private static ConnectException refusal(HttpRequest request) {
    return new ConnectException("test guard: " + request.getUrl().getHost() + " is not loopback; not sent");
  }
}
