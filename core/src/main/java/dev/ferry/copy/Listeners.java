package dev.ferry.copy;

/** Calls listener code so that a listener's own failure never breaks a copy. */
final class Listeners {
  private Listeners() {}

  static void safely(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException ignored) {
      // a listener is an observer: its bugs must not fail or corrupt the copy
    }
  }
}
