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
    List<Exchange> byStart = new ArrayList<>(exchanges);
    byStart.sort(Comparator.comparingLong(Exchange::startNanos));
    int[] depth = new int[byStart.size()];
    int longest = 0;
    for (int i = 0; i < byStart.size(); i++) {
      int before = 0;
      for (int j = 0; j < i; j++) {
        if (byStart.get(i).follows(byStart.get(j))) {
          before = Math.max(before, depth[j]);
        }
      }
      depth[i] = before + 1;
      longest = Math.max(longest, depth[i]);
    }
    return longest;
  }
}
