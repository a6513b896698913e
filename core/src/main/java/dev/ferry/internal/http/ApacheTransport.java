package dev.ferry.internal.http;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.io.CloseMode;

/**
 * The {@link Transport} over Apache HttpClient 5 (classic, pooled connections): one
 * client shared by every call, TLS chosen per registry host, redirects followed by
 * {@link Redirects}, transient failures retried by {@link Retrier}, bodies streamed both
 * ways. Build it with {@code new ApacheTransport(TransportSettings.builder()...build())}.
 *
 * <p>Thread-safe: any number of threads may execute requests at once, up to the pool size
 * per host; further callers wait for a connection. {@link #close()} closes the pool.
 */
public final class ApacheTransport implements Transport {
  // HttpClient writes these itself from the entity and the target; a second copy breaks the request
  private static final Set<String> MANAGED_HEADERS = Set.of("host", "content-length", "transfer-encoding",
      "connection");

  private final CloseableHttpClient client;
  private final Redirects redirects;
  private final Retrier retrier;
  private final Duration smallBodyTimeout;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Builds the pooled client and every per-registry TLS context.
   *
   * @throws dev.ferry.FerryException if a registry's TLS material cannot be used
   */
  public ApacheTransport(TransportSettings settings) {
    Objects.requireNonNull(settings, "settings");
    this.client = ApacheClients.create(settings);
    this.redirects = new Redirects(this::send);
    this.retrier = new Retrier(settings.retryStrategy());
    this.smallBodyTimeout = settings.smallBodyTimeout();
  }

  @Override
  public Response execute(Request request, CallContext context) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(context, "context");
    if (closed.get()) {
      throw new IllegalStateException("the transport is closed");
    }
    return retrier.run(request, context, () -> redirects.follow(request, context));
  }

  /** One exchange, reported to the call's events: started now, finished when its response is closed. */
  private Response send(Request request, CallContext context) throws IOException {
    TransportEvents events = context.events();
    events.requestStarted(request);
    long start = System.nanoTime();
    try {
      return exchange(request, status -> events.requestFinished(request, status, since(start)));
    } catch (IOException e) {
      events.requestFailed(request, IoFailures.describe(e), since(start));
      throw e;
    } catch (RuntimeException e) {
      events.requestFailed(request, e.getClass().getSimpleName(), since(start));
      throw e;
    }
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private Response exchange(Request request, IntConsumer onClosed) throws IOException {
    BasicClassicHttpRequest message = new BasicClassicHttpRequest(request.method(), request.uri());
    for (Header header : request.headers()) {
      if (!MANAGED_HEADERS.contains(header.name().toLowerCase(Locale.ROOT))) {
        message.addHeader(header.name(), header.value());
      }
    }
    if (request.body() != null) {
      message.setEntity(new BodyEntity(request.body()));
    }
    ClassicHttpResponse response = client.executeOpen(null, message, HttpClientContext.create());
    return new ApacheResponse(response, request.uri(), request.method().equals("HEAD"), smallBodyTimeout, onClosed);
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      // IMMEDIATE: responses still open belong to callers who are shutting down too
      client.close(CloseMode.IMMEDIATE);
    }
  }
}
