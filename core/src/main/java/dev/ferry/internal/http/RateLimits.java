package dev.ferry.internal.http;

import dev.ferry.registry.RateLimit;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the rate-limit headers of a response into {@link RateLimit}, leniently: a
 * header that cannot be read is left out, never an error. Forms understood: Docker Hub's
 * {@code ratelimit-limit: 100;w=21600} and {@code ratelimit-remaining: 76;w=21600}, the
 * IETF draft's plain numbers and {@code ratelimit-reset} in seconds (a policy list such as
 * {@code 100, 100;w=60} gives its first number), and {@code Retry-After}. Stateless.
 */
public final class RateLimits {
  private static final Pattern LEADING_NUMBER = Pattern.compile("^\\s*(\\d{1,18})\\s*(?:[;,]|$)");
  private static final Pattern WINDOW = Pattern.compile("(?:^|;)\\s*w\\s*=\\s*(\\d{1,18})\\s*(?:[;,]|$)");

  private RateLimits() {}

  /** The rate limit a response announced; {@link RateLimit#unknown()} when it said nothing readable. */
  public static RateLimit from(Response response, Clock clock) {
    Optional<String> limitHeader = response.header("RateLimit-Limit");
    Optional<String> remainingHeader = response.header("RateLimit-Remaining");
    OptionalLong limit = number(limitHeader);
    OptionalLong remaining = number(remainingHeader);
    Optional<Duration> window = window(limitHeader).or(() -> window(remainingHeader));
    Optional<Duration> reset = number(response.header("RateLimit-Reset")).stream()
        .mapToObj(Duration::ofSeconds).findFirst();
    Optional<Duration> retryAfter = response.header("Retry-After")
        .flatMap(v -> RetryAfter.parse(v, clock.instant()));
    return new RateLimit(limit, remaining, window, reset, retryAfter);
  }

  private static OptionalLong number(Optional<String> header) {
    if (header.isEmpty()) {
      return OptionalLong.empty();
    }
    Matcher m = LEADING_NUMBER.matcher(header.get());
    return m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
  }

  private static Optional<Duration> window(Optional<String> header) {
    if (header.isEmpty()) {
      return Optional.empty();
    }
    // the first item is the limit in force; in the IETF draft's "100, 100;w=60" the policy
    // with the same number carries its window
    String[] items = header.get().split(",");
    OptionalLong limit = number(Optional.of(items[0]));
    for (int i = 0; i < items.length; i++) {
      String item = items[i];
      Matcher m = WINDOW.matcher(item.substring(Math.max(0, item.indexOf(';'))));
      if (m.find() && (i == 0 || number(Optional.of(item)).equals(limit))) {
        return Optional.of(Duration.ofSeconds(Long.parseLong(m.group(1))));
      }
    }
    return Optional.empty();
  }
}
