package dev.ferry.sync;

import java.util.concurrent.CancellationException;

/** A run that is interrupted (a closed schedule) ends as a whole instead of reporting each tag as failed. */
final class Cancellation {
  private Cancellation() {}

  static void rethrowIfInterrupted(RuntimeException e) {
    if (e instanceof CancellationException || Thread.currentThread().isInterrupted()) {
      Thread.currentThread().interrupt();
      throw new CancellationException("the mirror run was cancelled");
    }
  }

  static void check() {
    if (Thread.currentThread().isInterrupted()) {
      throw new CancellationException("the mirror run was cancelled");
    }
  }
}
