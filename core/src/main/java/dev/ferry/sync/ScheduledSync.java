package dev.ferry.sync;

import dev.ferry.internal.Callbacks;
import dev.ferry.registry.RegistryClient;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongUnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A mirror re-syncing on a schedule, from {@link Mirror#schedule(RegistryClient, Duration)}:
 * it runs at once, then again {@code interval} (plus up to a tenth of it, at random) after
 * each run ends, so two runs never overlap. A run that fails does not stop the schedule;
 * every report goes to the mirror's {@link SyncListener#runFinished}, every run that ends
 * without one to {@link SyncListener#runFailed}. Close it to stop: an in-flight run is
 * cancelled (interrupted), and {@code close()} returns once it has ended.
 *
 * <pre>{@code
 * try (ScheduledSync running = mirror.schedule(client, Duration.ofMinutes(15))) {
 *   awaitShutdown();
 * }
 * }</pre>
 *
 * <p>Thread-safety: thread-safe.
 *
 * @since 0.1
 */
public final class ScheduledSync implements AutoCloseable {
  /** How long {@link #close()} waits for a cancelled run to let go (a request already on the wire). */
  static final Duration CLOSE_WAIT = Duration.ofSeconds(30);
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final Mirror mirror;
  private final RegistryClient client;
  private final long intervalNanos;
  private final ScheduledExecutorService executor;
  private final boolean owned;
  private final LongUnaryOperator jitter;
  private final Object lock = new Object();
  private final AtomicLong runs = new AtomicLong();
  private volatile @Nullable SyncReport last;
  private @Nullable Future<?> next;
  private @Nullable CountDownLatch inFlight;
  private boolean closed;

  private ScheduledSync(Mirror mirror, RegistryClient client, Duration interval,
      @Nullable ScheduledExecutorService executor, LongUnaryOperator jitter) {
    this.mirror = mirror;
    this.client = client;
    this.intervalNanos = interval.toNanos();
    this.owned = executor == null;
    this.executor = executor != null ? executor : Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "ferry-mirror-schedule-" + THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.jitter = jitter;
  }

  static ScheduledSync start(Mirror mirror, RegistryClient client, Duration interval,
      @Nullable ScheduledExecutorService executor) {
    return start(mirror, client, interval, executor,
        nanos -> nanos + ThreadLocalRandom.current().nextLong(nanos / 10 + 1));
  }

  /** With a chosen jitter: from the interval in nanoseconds to the delay before the next run. */
  static ScheduledSync start(Mirror mirror, RegistryClient client, Duration interval,
      @Nullable ScheduledExecutorService executor, LongUnaryOperator jitter) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(interval, "interval");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("the interval must be positive: " + interval);
    }
    ScheduledSync schedule = new ScheduledSync(mirror, client, interval, executor, jitter);
    schedule.plan(0);
    return schedule;
  }

  private void plan(long delayNanos) {
    synchronized (lock) {
      if (!closed) {
        try {
          next = executor.schedule(this::runOnce, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
          // the caller shut its executor down: the schedule ends with it
          closed = true;
        }
      }
    }
  }

  private void runOnce() {
    CountDownLatch done = new CountDownLatch(1);
    synchronized (lock) {
      if (closed || inFlight != null) {
        return;
      }
      inFlight = done;
    }
    try {
      last = mirror.sync(client);
      runs.incrementAndGet();
    } catch (RuntimeException | Error e) {
      Callbacks.safely(() -> mirror.listener().runFailed(e));
    } finally {
      synchronized (lock) {
        inFlight = null;
      }
      done.countDown();
      // a cancelled run leaves its interrupt behind; the executor's thread must not carry it into the next task
      Thread.interrupted();
      plan(jitter.applyAsLong(intervalNanos));
    }
  }

  /**
   * {@return how many runs have finished with a report}
   *
   * @since 0.1
   */
  public long runs() {
    return runs.get();
  }

  /**
   * {@return the report of the last run that finished, if any}
   *
   * @since 0.1
   */
  public Optional<SyncReport> lastReport() {
    return Optional.ofNullable(last);
  }

  /**
   * Stops the schedule: no run starts after this, a run in flight is cancelled, and
   * this returns once that run has ended (or after a bounded wait for a request already
   * on the wire). The client stays open; a caller's executor is not shut down.
   * @since 0.1
   */
  @Override
  public void close() {
    CountDownLatch running;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      running = inFlight;
      if (next != null) {
        next.cancel(true);
      }
    }
    if (owned) {
      executor.shutdownNow();
    }
    if (running != null) {
      try {
        running.await(CLOSE_WAIT.toNanos(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public String toString() {
    return "ScheduledSync{" + mirror + " every " + Duration.ofNanos(intervalNanos) + ", " + runs.get() + " runs}";
  }
}
