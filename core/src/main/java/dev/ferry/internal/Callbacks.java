package dev.ferry.internal;

/** Calls listener code so that a listener's own failure never breaks a copy or a mirror run. */
public final class Callbacks {
  private Callbacks() {}

  /**
   * Runs a call to user code, ignoring what it throws.
   *
   * @param call the call
   */
  public static void safely(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException ignored) {
      // a listener is an observer: its bugs must not fail or corrupt the work it watches
    }
  }
}
