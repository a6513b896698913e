package dev.ferry.it;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Waits for threads to reach a state, by polling their state rather than sleeping a guessed time. */
public final class Threads {
  private Threads() {}

  /**
   * Returns once every thread is parked (waiting on a lock, latch, condition or future), or fails
   * after {@code timeout}: the point where "the others are waiting for the fetch in progress" is true.
   */
  public static void awaitParked(Collection<Thread> threads, Duration timeout) {
    awaitParked(threads, -1, timeout);
  }

  /**
   * Returns once at least {@code count} of the threads are parked ({@code -1}: all of them), or
   * fails after {@code timeout}. The collection may still be growing while this waits.
   */
  public static void awaitParked(Collection<Thread> threads, int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (count < 0 ? !threads.stream().allMatch(Threads::isParked)
        : threads.stream().filter(Threads::isParked).count() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("threads not parked within " + timeout + ": "
            + threads.stream().map(t -> t.getName() + "=" + t.getState()).toList());
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
  }

  private static boolean isParked(Thread t) {
    Thread.State state = t.getState();
    return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING || state == Thread.State.BLOCKED;
  }
}
