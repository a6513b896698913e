package dev.ferry.copy;

import dev.ferry.internal.http.ThreadEvents;
import dev.ferry.internal.http.TransportEvents;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The worker side of one copy: runs a phase's tasks in parallel, waits for all
 * of them, and on the first failure or a cancel stops the rest: futures are
 * cancelled with interrupt and every open transfer stream is closed, which
 * aborts its socket and returns the connection.
 */
final class Transfers implements AutoCloseable {
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final ExecutorService executor;
  private final boolean owned;
  private final Set<Future<?>> running = ConcurrentHashMap.newKeySet();
  private final Set<Closeable> open = ConcurrentHashMap.newKeySet();
  private volatile boolean cancelled;

  private final TransportEvents events;

  Transfers(@Nullable ExecutorService shared, int parallelism, TransportEvents events) {
    this.events = events;
    this.owned = shared == null;
    this.executor = shared != null ? shared : Executors.newFixedThreadPool(parallelism, daemonThreads());
  }

  private static ThreadFactory daemonThreads() {
    int pool = POOLS.incrementAndGet();
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "ferry-copy-" + pool + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** One unit of a phase's work (a blob, a manifest); failures are unchecked, already typed. */
  interface Task {
    void run();
  }

  /** Runs every task, waits for all; rethrows the first failure after stopping the others. */
  void runAll(List<Task> tasks) {
    checkNotCancelled();
    List<Future<?>> futures = new ArrayList<>(tasks.size());
    for (Task task : tasks) {
      Future<?> f = executor.submit(() -> ThreadEvents.with(events, () -> {
        checkNotCancelled();
        task.run();
        return null;
      }));
      running.add(f);
      futures.add(f);
    }
    try {
      for (Future<?> f : futures) {
        f.get();
        running.remove(f);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancel();
      throw new CancellationException("the copy was interrupted");
    } catch (ExecutionException e) {
      cancel();
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    } catch (CancellationException e) {
      cancel();
      throw e;
    }
  }

  /** Remembers a stream to close if the copy is cancelled; returns it. */
  <T extends Closeable> T track(T stream) {
    open.add(stream);
    if (cancelled) {
      closeQuietly(stream);
      throw new CancellationException("the copy was cancelled");
    }
    return stream;
  }

  void untrack(Closeable stream) {
    open.remove(stream);
  }

  void checkNotCancelled() {
    if (cancelled || Thread.currentThread().isInterrupted()) {
      throw new CancellationException("the copy was cancelled");
    }
  }

  boolean isCancelled() {
    return cancelled;
  }

  void cancel() {
    cancelled = true;
    for (Future<?> f : running) {
      f.cancel(true);
    }
    for (Closeable c : open) {
      closeQuietly(c);
    }
  }

  private static void closeQuietly(Closeable c) {
    try {
      c.close();
    } catch (IOException | RuntimeException ignored) {
      // closing only aborts the transfer; its own failure is what gets reported
    }
  }

  @Override
  public void close() {
    if (owned) {
      executor.shutdownNow();
    }
  }
}
