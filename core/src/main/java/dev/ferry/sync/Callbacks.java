package dev.ferry.sync;

/** Calls listener code so that a listener's own failure never breaks a run. */
final class Callbacks {
  private Callbacks() {}

  static void safely(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException ignored) {
      // a listener is an observer: its bugs must not fail a run or stop a schedule
    }
  }
}
