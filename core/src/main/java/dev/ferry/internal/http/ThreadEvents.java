package dev.ferry.internal.http;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Routes transport events to whoever runs the request on this thread: one client
 * serves many copies at once, and a copy wants to hear only its own retries. A copy
 * worker installs its listener around its work with {@link #with}.
 */
public final class ThreadEvents implements TransportEvents {
  /** The instance a client's transport is built with. */
  public static final ThreadEvents INSTANCE = new ThreadEvents();

  private static final ThreadLocal<TransportEvents> CURRENT = new ThreadLocal<>();

  private ThreadEvents() {}

  /** Runs work with events of requests made on this thread going to {@code events}. */
  public static <T> T with(TransportEvents events, Supplier<T> work) {
    TransportEvents previous = CURRENT.get();
    CURRENT.set(events);
    try {
      return work.get();
    } finally {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    }
  }

  @Override
  public void onRetry(Request request, int attempt, Duration delay, String reason) {
    TransportEvents events = CURRENT.get();
    if (events != null) {
      events.onRetry(request, attempt, delay, reason);
    }
  }
}
