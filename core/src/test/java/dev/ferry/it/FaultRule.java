package dev.ferry.it;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * One scripted fault of a {@link FaultProxy}: which requests it hits (method, a regular
 * expression found in the request target, which occurrences) and what it does to them.
 * Made by {@code proxy.on(method, targetRegex)...}; every rule that matches a request
 * counts it, and every rule whose turn it is applies, so faults combine (a delay and a
 * stripped header on one response). Thread-safe.
 *
 * <pre>{@code
 * proxy.on("PUT", "/manifests/").respond(429, Map.of("Retry-After", "1"));     // once
 * proxy.on("GET", "/blobs/sha256:").skip(1).times(2).resetResponseAfter(1 << 20);
 * proxy.on(FaultProxy.ANY, "").always().stripResponseHeader("Docker-Content-Digest");
 * }</pre>
 */
public final class FaultRule {
  enum Kind {
    RESPOND, RESET, RESET_REQUEST_BODY, RESET_RESPONSE_BODY, FLIP_RESPONSE_BYTE, DELAY_RESPONSE_BODY,
    STRIP_RESPONSE_HEADER, REDIRECT_TO_STORAGE, REVOKE_AUTHORIZATIONS, RUN
  }

  private final String method;
  private final Pattern target;
  private final int skip;
  private final long times;
  private final AtomicLong seen = new AtomicLong();
  private final AtomicInteger fired = new AtomicInteger();
  final Kind kind;
  final int status;
  final Map<String, String> headers;
  final long bytes;
  final Duration delay;
  final String header;
  final Runnable hook;

  private FaultRule(Builder b, Kind kind, int status, Map<String, String> headers, long bytes, Duration delay,
      String header, Runnable hook) {
    this.method = b.method;
    this.target = b.target;
    this.skip = b.skip;
    this.times = b.times;
    this.kind = kind;
    this.status = status;
    this.headers = Map.copyOf(headers);
    this.bytes = bytes;
    this.delay = delay;
    this.header = header;
    this.hook = hook;
  }

  /** Counts a matching request and says whether this one is the rule's to fault. */
  boolean fires(String requestMethod, String requestTarget) {
    if (!(method.equals(FaultProxy.ANY) || method.equals(requestMethod)) || !target.matcher(requestTarget).find()) {
      return false;
    }
    long n = seen.incrementAndGet();
    if (n <= skip || n - skip > times) {
      return false;
    }
    fired.incrementAndGet();
    return true;
  }

  /** {@return how many requests this rule has faulted so far} */
  public int fired() {
    return fired.get();
  }

  /** A short name for the request log, e.g. {@code 503} or {@code reset-response@1048576}. */
  String describe() {
    return switch (kind) {
      case RESPOND -> String.valueOf(status);
      case RESET -> "reset";
      case RESET_REQUEST_BODY -> "reset-request@" + bytes;
      case RESET_RESPONSE_BODY -> "reset-response@" + bytes;
      case FLIP_RESPONSE_BYTE -> "flip@" + bytes;
      case DELAY_RESPONSE_BODY -> "delay " + delay.toMillis() + "ms";
      case STRIP_RESPONSE_HEADER -> "strip " + header;
      case REDIRECT_TO_STORAGE -> "redirect";
      case REVOKE_AUTHORIZATIONS -> "revoke";
      case RUN -> "run";
    };
  }

  @Override
  public String toString() {
    return method + " ~" + target + " skip " + skip + " times " + (times == Long.MAX_VALUE ? "always" : times)
        + ": " + describe();
  }

  /**
   * Which requests a rule hits; ends with the fault it applies, which registers the rule.
   * Defaults: the first matching request only. Not thread-safe.
   */
  public static final class Builder {
    private final String method;
    private final Pattern target;
    private final Consumer<FaultRule> rules;
    private int skip;
    private long times = 1;

    Builder(String method, String targetRegex, Consumer<FaultRule> rules) {
      this.method = Objects.requireNonNull(method, "method");
      this.target = Pattern.compile(targetRegex);
      this.rules = rules;
    }

    /** Lets the first {@code n} matching requests through untouched. */
    public Builder skip(int n) {
      this.skip = n;
      return this;
    }

    /** Faults this many matching requests (after the skipped ones), then no more. */
    public Builder times(int n) {
      this.times = n;
      return this;
    }

    /** Faults every matching request (after the skipped ones). */
    public Builder always() {
      this.times = Long.MAX_VALUE;
      return this;
    }

    /** Answers this status itself (a registry-style JSON error body for 4xx/5xx) without asking the upstream. */
    public FaultRule respond(int status) {
      return respond(status, Map.of());
    }

    /** Answers this status with these headers (e.g. {@code Retry-After}) without asking the upstream. */
    public FaultRule respond(int status, Map<String, String> headers) {
      return add(Kind.RESPOND, status, headers, 0, Duration.ZERO, "");
    }

    /** Resets the connection (TCP RST) as soon as the request head arrived, answering nothing. */
    public FaultRule reset() {
      return add(Kind.RESET, 0, Map.of(), 0, Duration.ZERO, "");
    }

    /** Forwards the request head and this many body bytes, then resets both connections. */
    public FaultRule resetRequestAfter(long bytes) {
      return add(Kind.RESET_REQUEST_BODY, 0, Map.of(), bytes, Duration.ZERO, "");
    }

    /** Forwards the response head and this many body bytes, then resets the client's connection. */
    public FaultRule resetResponseAfter(long bytes) {
      return add(Kind.RESET_RESPONSE_BODY, 0, Map.of(), bytes, Duration.ZERO, "");
    }

    /** Flips one bit of the response body byte at this offset (Content-Length bodies). */
    public FaultRule flipResponseByte(long offset) {
      return add(Kind.FLIP_RESPONSE_BYTE, 0, Map.of(), offset, Duration.ZERO, "");
    }

    /** Sends the response head at once and its body only after this delay: a slow origin. */
    public FaultRule delayResponseBody(Duration delay) {
      return add(Kind.DELAY_RESPONSE_BODY, 0, Map.of(), 0, delay, "");
    }

    /** Removes a header from the upstream's response. */
    public FaultRule stripResponseHeader(String name) {
      return add(Kind.STRIP_RESPONSE_HEADER, 0, Map.of(), 0, Duration.ZERO, name);
    }

    /**
     * Answers 307 to the proxy's storage host ({@code localhost}, another port): a
     * pre-signed URL that serves the same bytes with the credentials of the original request.
     */
    public FaultRule redirectToStorage() {
      return add(Kind.REDIRECT_TO_STORAGE, 0, Map.of(), 0, Duration.ZERO, "");
    }

    /**
     * Expires every {@code Authorization} the proxy has seen so far, this request's included:
     * from now on they reach the upstream stripped, which answers its own 401 challenge, as a
     * registry does for an expired token. Credentials first seen later pass.
     */
    public FaultRule revokeAuthorizations() {
      return add(Kind.REVOKE_AUTHORIZATIONS, 0, Map.of(), 0, Duration.ZERO, "");
    }

    /** Runs {@code hook} (e.g. stopping a token server) before the request goes on. */
    public FaultRule run(Runnable hook) {
      return register(new FaultRule(this, Kind.RUN, 0, Map.of(), 0, Duration.ZERO, "",
          Objects.requireNonNull(hook, "hook")));
    }

    private FaultRule add(Kind kind, int status, Map<String, String> headers, long bytes, Duration delay,
        String header) {
      return register(new FaultRule(this, kind, status, headers, bytes, delay, header, () -> { }));
    }

    private FaultRule register(FaultRule rule) {
      rules.accept(rule);
      return rule;
    }
  }
}
