package dev.ferry.registry;

import dev.ferry.internal.Callbacks;
import dev.ferry.internal.http.Request;
import dev.ferry.internal.http.Scrubber;
import dev.ferry.internal.http.TransportEvents;
import dev.ferry.internal.http.Urls;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The transport's hooks of one client call, turned into {@link RegistryEvent}s for the
 * call's listeners. The URL is redacted (no query, no user info) and reasons pass the
 * client's scrubber, so no secret the client holds reaches a listener. Thread-safe.
 */
final class CallEvents implements TransportEvents {
  private final RegistryCall call;
  private final List<RegistryEventListener> listeners;
  private final Scrubber scrubber;

  CallEvents(RegistryCall call, List<RegistryEventListener> listeners, Scrubber scrubber) {
    this.call = call;
    this.listeners = List.copyOf(listeners);
    this.scrubber = scrubber;
  }

  @Override
  public void requestStarted(Request request) {
    RegistryEvent.RequestStarted event = new RegistryEvent.RequestStarted(call, request.method(), url(request));
    tell(l -> l.requestStarted(event));
  }

  @Override
  public void requestFinished(Request request, int status, Duration duration) {
    RegistryEvent.RequestFinished event = new RegistryEvent.RequestFinished(call, request.method(), url(request),
        status, duration);
    tell(l -> l.requestFinished(event));
  }

  @Override
  public void requestFailed(Request request, String reason, Duration duration) {
    RegistryEvent.RequestFailed event = new RegistryEvent.RequestFailed(call, request.method(), url(request),
        scrubber.scrub(reason), duration);
    tell(l -> l.requestFailed(event));
  }

  @Override
  public void onRetry(Request request, int attempt, Duration delay, String reason) {
    RegistryEvent.Retry event = new RegistryEvent.Retry(call, request.method(), url(request), attempt, delay,
        scrubber.scrub(reason));
    tell(l -> l.retry(event));
  }

  private static String url(Request request) {
    return Urls.redact(request.uri());
  }

  private void tell(Consumer<RegistryEventListener> delivery) {
    for (RegistryEventListener listener : listeners) {
      Callbacks.safely(() -> delivery.accept(listener));
    }
  }
}
