package dev.ferry.copy;

import dev.ferry.internal.Callbacks;

/** Calls listener code so that a listener's own failure never breaks a copy. */
final class Listeners {
  private Listeners() {}

  static void safely(Runnable call) {
    Callbacks.safely(call);
  }
}
