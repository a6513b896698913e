package dev.ferry.testing.internal;

import dev.ferry.testing.RecordedCall;
import java.util.ArrayDeque;
import java.util.List;

/** The last {@link #CAPACITY} answered requests, oldest first. Thread-safe. */
public final class RequestLog {
  /** How many calls are kept; older ones are dropped. */
  public static final int CAPACITY = 10_000;

  private final ArrayDeque<RecordedCall> calls = new ArrayDeque<>();

  synchronized void add(RecordedCall call) {
    if (calls.size() == CAPACITY) {
      calls.removeFirst();
    }
    calls.addLast(call);
  }

  /** A snapshot, oldest first. */
  public synchronized List<RecordedCall> snapshot() {
    return List.copyOf(calls);
  }

  /** Forgets every call. */
  public synchronized void clear() {
    calls.clear();
  }
}
