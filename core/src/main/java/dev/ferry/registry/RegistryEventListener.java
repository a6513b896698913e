package dev.ferry.registry;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Hears the requests and retries of {@link RegistryClient} calls. Every method has a no-op
 * default, so a listener overrides only what it needs and new events never break it. A
 * listener hears a call's events in the order they happen, on the threads doing the work
 * (a response closed or an upload cancelled on another thread reports from there): keep it
 * quick and thread-safe. An exception it throws is ignored.
 *
 * <p>Listeners are per call, as OkHttp's {@code EventListener.Factory} does it: give the
 * builder a {@link Factory} that makes one for each call, or take a view of a client whose
 * calls all report to one listener with {@link RegistryClient#withEventListener}.
 *
 * <pre>{@code
 * RegistryClient client = RegistryClient.builder()
 *     .eventListenerFactory(call -> RegistryEventListener.of(event -> log.debug("{}", event)))
 *     .build();
 * }</pre>
 *
 * @since 0.1
 */
public interface RegistryEventListener {
  /**
   * A listener that hears nothing.
   *
   * @since 0.1
   */
  RegistryEventListener NONE = new RegistryEventListener() {};

  /**
   * A request is about to be sent.
   *
   * @param event the call, method and URL
   * @since 0.1
   */
  default void requestStarted(RegistryEvent.RequestStarted event) {}

  /**
   * A request's response was closed.
   *
   * @param event the call, method, URL, status and duration
   * @since 0.1
   */
  default void requestFinished(RegistryEvent.RequestFinished event) {}

  /**
   * A request got no response.
   *
   * @param event the call, method, URL, reason and duration
   * @since 0.1
   */
  default void requestFailed(RegistryEvent.RequestFailed event) {}

  /**
   * A request is tried again after a transient failure (429, 5xx, a dropped connection).
   *
   * @param event the request, attempt, pause and reason
   * @since 0.1
   */
  default void retry(RegistryEvent.Retry event) {}

  /**
   * A listener that hands every event to one consumer, for example {@code event -> log.debug("{}", event)}.
   *
   * @param consumer receives each event
   * @return the listener
   * @since 0.1
   */
  static RegistryEventListener of(Consumer<? super RegistryEvent> consumer) {
    Objects.requireNonNull(consumer, "consumer");
    return new RegistryEventListener() {
      @Override
      public void requestStarted(RegistryEvent.RequestStarted event) {
        consumer.accept(event);
      }

      @Override
      public void requestFinished(RegistryEvent.RequestFinished event) {
        consumer.accept(event);
      }

      @Override
      public void requestFailed(RegistryEvent.RequestFailed event) {
        consumer.accept(event);
      }

      @Override
      public void retry(RegistryEvent.Retry event) {
        consumer.accept(event);
      }
    };
  }

  /**
   * Makes the listener of each client call, so that calls running at once keep their events
   * apart whatever threads they use.
   *
   * @since 0.1
   */
  @FunctionalInterface
  interface Factory {
    /**
     * The listener for one call; called once as the call begins, on the caller's thread.
     *
     * @param call the call about to run
     * @return its listener, or {@link RegistryEventListener#NONE}
     * @since 0.1
     */
    RegistryEventListener create(RegistryCall call);
  }
}
