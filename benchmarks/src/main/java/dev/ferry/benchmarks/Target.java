package dev.ferry.benchmarks;

/** Issue 5's target for a case: {@code method}'s median at most {@code factor} × skopeo's whole-process median. */
record Target(Method method, double factor) {
  String describe() {
    return (method == Method.FERRY_PROCESS ? "whole process" : "in-process") + " ≤ " + factor + " × skopeo";
  }

  boolean met(double ratio) {
    return ratio <= factor;
  }
}
