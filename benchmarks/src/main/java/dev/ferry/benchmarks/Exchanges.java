package dev.ferry.benchmarks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The requests every {@link DelayProxy} of a run saw, shared by the proxies in front of
 * the source, the destination and the token server, so one chain can cross hosts
 * (a source GET, then a destination HEAD). Cleared before each measured copy.
 *
 * <p>Thread-safe: the proxies' connection threads add, the harness reads.
 */
final class Exchanges {
  private final List<Exchange> seen = new ArrayList<>();
  private int connections;

  synchronized void add(Exchange exchange) {
    seen.add(exchange);
  }

  synchronized void connectionOpened() {
    connections++;
  }

  synchronized void clear() {
    seen.clear();
    connections = 0;
  }

  /** Everything seen since the last {@link #clear()}, in the order the clients began the requests. */
  synchronized List<Exchange> snapshot() {
    List<Exchange> copy = new ArrayList<>(seen);
    copy.sort(Comparator.comparingLong(Exchange::startNanos));
    return copy;
  }

  /** TCP connections accepted since the last {@link #clear()}. */
  synchronized int connections() {
    return connections;
  }

  /**
   * The longest chain of requests each of which began only after the one before it was
   * answered: the number of round trips the copy waited for one after another. Exchanges
   * that overlap in time are concurrent and count once.
   */
  static int longestChain(List<Exchange> exchanges) {
    return criticalPath(exchanges).size();
  }

  /** One longest chain (see {@link #longestChain}), first request first. */
  static List<Exchange> criticalPath(List<Exchange> exchanges) {
    List<Exchange> byStart = new ArrayList<>(exchanges);
    byStart.sort(Comparator.comparingLong(Exchange::startNanos));
    int[] depth = new int[byStart.size()];
    int[] previous = new int[byStart.size()];
    int last = -1;
    for (int i = 0; i < byStart.size(); i++) {
      previous[i] = -1;
      for (int j = 0; j < i; j++) {
        if (byStart.get(i).follows(byStart.get(j)) && depth[j] > (previous[i] < 0 ? 0 : depth[previous[i]])) {
          previous[i] = j;
        }
      }
      depth[i] = previous[i] < 0 ? 1 : depth[previous[i]] + 1;
      if (last < 0 || depth[i] > depth[last]) {
        last = i;
      }
    }
    List<Exchange> path = new ArrayList<>();
    for (int i = last; i >= 0; i = previous[i]) {
      path.add(0, byStart.get(i));
    }
    return path;
  }
}
