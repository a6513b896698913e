package dev.ferry.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler whose clock is the test: tasks wait until {@link #runNext()} runs the one
 * due first, on the test's thread, and the delays asked for can be read. Thread-safe.
 */
final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {
  /** A task and the delay it was scheduled with. */
  static final class Pending<V> extends FutureTask<V> implements ScheduledFuture<V> {
    final Duration delay;

    Pending(Callable<V> task, Duration delay) {
      super(task);
      this.delay = delay;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(delay);
    }

    @Override
    public int compareTo(Delayed o) {
      return Long.compare(getDelay(TimeUnit.NANOSECONDS), o.getDelay(TimeUnit.NANOSECONDS));
    }
  }

  private final List<Pending<?>> pending = new ArrayList<>();
  private boolean shutdown;

  synchronized List<Duration> delays() {
    pending.removeIf(Pending::isCancelled);
    return pending.stream().map(p -> p.delay).toList();
  }

  /** Runs the task due first, if any; returns whether one ran. */
  boolean runNext() {
    Optional<Pending<?>> next;
    synchronized (this) {
      pending.removeIf(Pending::isCancelled);
      next = pending.stream().min(Comparator.comparing(p -> p.delay));
      next.ifPresent(pending::remove);
    }
    next.ifPresent(Pending::run);
    return next.isPresent();
  }

  @Override
  public synchronized ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    Pending<?> p = new Pending<>(() -> {
      command.run();
      return null;
    }, Duration.ofNanos(unit.toNanos(delay)));
    pending.add(p);
    return p;
  }

  @Override
  public synchronized <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    Pending<V> p = new Pending<>(callable, Duration.ofNanos(unit.toNanos(delay)));
    pending.add(p);
    return p;
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
    throw new UnsupportedOperationException("not used by ScheduledSync");
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
    throw new UnsupportedOperationException("not used by ScheduledSync");
  }

  @Override
  public void execute(Runnable command) {
    schedule(command, 0, TimeUnit.NANOSECONDS);
  }

  @Override
  public synchronized void shutdown() {
    shutdown = true;
  }

  @Override
  public synchronized List<Runnable> shutdownNow() {
    shutdown = true;
    return List.of();
  }

  @Override
  public synchronized boolean isShutdown() {
    return shutdown;
  }

  @Override
  public synchronized boolean isTerminated() {
    return shutdown;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return true;
  }
}
