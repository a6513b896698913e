package dev.ferry.copy;

import java.io.Closeable;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The worker side of one copy. A phase's tasks run on at most {@code parallelism}
 * lanes (tasks on the executor that each take the phase's tasks one after another),
 * so a shared executor of any size carries no more of this copy at once. The first
 * failure, or a cancel, ends the phase at once: the waiting thread is released, the
 * lanes are interrupted and take no further task, and every open source stream is
 * aborted from the cancelling thread (the transport drops the connection instead of
 * reading the rest).
 */
final class Transfers implements AutoCloseable {
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final Executor executor;
  private final @Nullable ExecutorService owned;
  private final int parallelism;
  /** Threads running one of this copy's lanes now; guarded by itself so that no lane is interrupted after leaving. */
  private final Set<Thread> lanes = new HashSet<>();
  private final Set<Phase> phases = ConcurrentHashMap.newKeySet();
  private final Set<Closeable> open = ConcurrentHashMap.newKeySet();
  private volatile boolean cancelled;

  Transfers(@Nullable ExecutorService shared, int parallelism) {
    this.parallelism = parallelism;
    if (shared == null) {
      ExecutorService pool = Executors.newFixedThreadPool(parallelism, daemonThreads());
      this.owned = pool;
      this.executor = pool;
    } else {
      this.owned = null;
      this.executor = shared;
    }
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

  /** Runs every task and waits for all; the first failure stops the others and is rethrown at once. */
  void runAll(List<Task> tasks) {
    checkNotCancelled();
    if (tasks.isEmpty()) {
      return;
    }
    Phase phase = new Phase(tasks);
    phases.add(phase);
    try {
      int started = 0;
      for (int i = 0; i < Math.min(parallelism, tasks.size()); i++) {
        try {
          executor.execute(phase::lane);
          started++;
        } catch (RejectedExecutionException e) {
          if (started == 0) {
            throw new IllegalStateException("the executor given to CopyOperation.executor(..) refused the copy's"
                + " transfers (is it shut down?): " + e.getMessage(), e);
          }
          break; // the lanes already running take every task
        }
      }
      phase.await();
    } finally {
      phases.remove(phase);
    }
  }

  /** Remembers a stream to abort if the copy is cancelled; returns it. */
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

  /** Stops everything without waiting for it: returns as soon as the lanes are told and the streams aborted. */
  void cancel() {
    cancelled = true;
    for (Phase phase : phases) {
      phase.done.completeExceptionally(new CancellationException("the copy was cancelled"));
    }
    synchronized (lanes) {
      lanes.forEach(Thread::interrupt);
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
    if (owned != null) {
      owned.shutdownNow();
    }
  }

  /** One phase's tasks, taken by its lanes in order; done when all ran or at the first failure. */
  private final class Phase {
    final Queue<Task> queue;
    final AtomicInteger left;
    final CompletableFuture<Void> done = new CompletableFuture<>();

    Phase(List<Task> tasks) {
      this.queue = new ConcurrentLinkedQueue<>(tasks);
      this.left = new AtomicInteger(tasks.size());
    }

    void lane() {
      Thread self = Thread.currentThread();
      synchronized (lanes) {
        lanes.add(self);
      }
      try {
        Task task;
        while (!done.isDone() && (task = queue.poll()) != null) {
          checkNotCancelled();
          task.run();
          if (left.decrementAndGet() == 0) {
            done.complete(null);
          }
        }
      } catch (RuntimeException | Error e) {
        if (done.completeExceptionally(e)) {
          cancel();
        }
      } finally {
        synchronized (lanes) {
          lanes.remove(self);
        }
        if (cancelled) {
          // the interrupt was ours, to stop this copy; the executor's thread goes back clean
          Thread.interrupted();
        }
      }
    }

    void await() {
      try {
        done.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        cancel();
        throw new CancellationException("the copy was interrupted");
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException re) {
          throw re;
        }
        if (cause instanceof Error err) {
          throw err;
        }
        throw new IllegalStateException(cause);
      }
    }
  }
}
