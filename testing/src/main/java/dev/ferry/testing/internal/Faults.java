package dev.ferry.testing.internal;

import dev.ferry.testing.RequestLine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The faults a test asked for: failures of the next matching requests, dropped blob
 * downloads and delays. Predicates run under this object's lock, in the order the
 * faults were added. Thread-safe.
 */
public final class Faults {
  private static final class Failure {
    final Predicate<RequestLine> matching;
    final int status;
    final @Nullable Duration retryAfter;
    int left;

    Failure(Predicate<RequestLine> matching, int status, @Nullable Duration retryAfter, int left) {
      this.matching = matching;
      this.status = status;
      this.retryAfter = retryAfter;
      this.left = left;
    }
  }

  private record Delay(Predicate<RequestLine> matching, Duration delay) {}

  private record Throttle(Predicate<RequestLine> matching, long bytesPerSecond) {}

  private final List<Failure> failures = new ArrayList<>();
  private final List<Delay> delays = new ArrayList<>();
  private final List<Throttle> throttles = new ArrayList<>();
  private long dropAfter;
  private int drops;

  /** Fails the next {@code count} requests that match with {@code status}. */
  public synchronized void failNext(int count, Predicate<RequestLine> matching, int status,
      @Nullable Duration retryAfter) {
    if (count > 0) {
      failures.add(new Failure(matching, status, retryAfter, count));
    }
  }

  /** Cuts the next {@code times} blob downloads longer than {@code bytes} after that many bytes. */
  public synchronized void dropBlobConnectionAfter(long bytes, int times) {
    this.dropAfter = bytes;
    this.drops = times;
  }

  /** Delays every matching request. */
  public synchronized void delay(Duration delay, Predicate<RequestLine> matching) {
    delays.add(new Delay(matching, delay));
  }

  /** Sends the body of every matching blob download at most this fast. */
  public synchronized void throttle(long bytesPerSecond, Predicate<RequestLine> matching) {
    throttles.add(new Throttle(matching, bytesPerSecond));
  }

  /** Removes every fault. */
  public synchronized void clear() {
    failures.clear();
    delays.clear();
    throttles.clear();
    drops = 0;
  }

  /** The injected error for this request, if a failure matches it (and is used up by one). */
  synchronized Optional<ApiError> takeFailure(RequestLine request) {
    for (Iterator<Failure> it = failures.iterator(); it.hasNext(); ) {
      Failure f = it.next();
      if (f.matching.test(request)) {
        if (--f.left == 0) {
          it.remove();
        }
        return Optional.of(error(f, request));
      }
    }
    return Optional.empty();
  }

  private static ApiError error(Failure f, RequestLine request) {
    String code = f.status == 429 ? "TOOMANYREQUESTS" : f.status == 503 ? "UNAVAILABLE" : "UNKNOWN";
    String message = "injected fault: " + f.status + " for " + request.method() + " " + request.path();
    return new ApiError(f.status, code, message, f.retryAfter);
  }

  /** The longest delay matching the request; zero if none does. */
  synchronized Duration delayFor(RequestLine request) {
    Duration longest = Duration.ZERO;
    for (Delay d : delays) {
      if (d.delay.compareTo(longest) > 0 && d.matching.test(request)) {
        longest = d.delay;
      }
    }
    return longest;
  }

  /** The slowest rate a throttle matching the request allows, in bytes a second; 0 for full speed. */
  synchronized long bytesPerSecondFor(RequestLine request) {
    long slowest = 0;
    for (Throttle t : throttles) {
      if ((slowest == 0 || t.bytesPerSecond < slowest) && t.matching.test(request)) {
        slowest = t.bytesPerSecond;
      }
    }
    return slowest;
  }

  /** How many bytes of a blob body of {@code length} to send before dropping; -1 to send it all. */
  synchronized long takeDrop(long length) {
    if (drops == 0 || length <= dropAfter) {
      return -1;
    }
    drops--;
    return dropAfter;
  }
}
