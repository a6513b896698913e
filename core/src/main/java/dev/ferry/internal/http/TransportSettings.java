package dev.ferry.internal.http;

import dev.ferry.FerryLimits;
import dev.ferry.registry.ProxyOptions;
import dev.ferry.registry.RegistryOptions;
import dev.ferry.registry.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Everything {@link ApacheTransport} is built from. Immutable; build with {@link #builder()}.
 * There is deliberately no total request or response timeout: a multi-GB upload over a
 * slow link may take hours and must not be cut. {@code socketTimeout} bounds each
 * silence on the connection instead, and {@code smallBodyTimeout} the whole of a body
 * callers read through {@link Response#smallBody()}.
 *
 * @param userAgent the User-Agent header
 * @param connectTimeout how long a TCP connect (and TLS handshake) may take
 * @param socketTimeout longest silence while reading from a connection
 * @param smallBodyTimeout longest time a small body (manifest, token, error, list page) may take whole
 * @param connectionRequestTimeout longest wait for a free pooled connection
 * @param maxConnectionsTotal pool size over all hosts
 * @param maxConnectionsPerRoute pool size per host
 * @param retryPolicy when and how to retry
 * @param proxy the proxy, or none
 * @param registries per-registry options keyed by {@code host} or {@code host:port} (lower case)
 * @param sleeper waits between retries
 * @param clock reads {@code Retry-After} dates against this
 * @param random uniform values in [0, 1) for jitter
 */
public record TransportSettings(String userAgent, Duration connectTimeout, Duration socketTimeout,
    Duration smallBodyTimeout, Duration connectionRequestTimeout, int maxConnectionsTotal, int maxConnectionsPerRoute,
    RetryPolicy retryPolicy, ProxyOptions proxy, Map<String, RegistryOptions> registries, Sleeper sleeper,
    Clock clock, DoubleSupplier random) {

  public static final String DEFAULT_USER_AGENT = "ferry/0.1";

  public TransportSettings {
    Objects.requireNonNull(userAgent, "userAgent");
    positive(connectTimeout, "connectTimeout");
    positive(socketTimeout, "socketTimeout");
    positive(smallBodyTimeout, "smallBodyTimeout");
    positive(connectionRequestTimeout, "connectionRequestTimeout");
    if (maxConnectionsTotal < 1 || maxConnectionsPerRoute < 1) {
      throw new IllegalArgumentException("connection pool sizes must be at least 1");
    }
    Objects.requireNonNull(retryPolicy, "retryPolicy");
    Objects.requireNonNull(proxy, "proxy");
    Map<String, RegistryOptions> normalized = new LinkedHashMap<>();
    registries.forEach((host, options) -> normalized.put(RegistryHosts.normalize(host),
        Objects.requireNonNull(options, "options")));
    registries = Map.copyOf(normalized);
    Objects.requireNonNull(sleeper, "sleeper");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(random, "random");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The retry strategy of these settings: policy, sleeper, clock and jitter together. */
  public RetryStrategy retryStrategy() {
    return new RetryStrategy(retryPolicy, sleeper, clock, random);
  }

  /** The options for a host the transport connects to; the defaults for hosts not named. */
  public RegistryOptions optionsFor(String host, int port, boolean https) {
    return RegistryHosts.lookup(registries, host, port, https);
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
  }

  /** Builds {@link TransportSettings}; not thread-safe. */
  public static final class Builder {
    private String userAgent = DEFAULT_USER_AGENT;
    private Duration connectTimeout = Duration.ofSeconds(30);
    private Duration socketTimeout = Duration.ofMinutes(5);
    private Duration smallBodyTimeout = FerryLimits.SMALL_BODY_TIMEOUT;
    private Duration connectionRequestTimeout = Duration.ofMinutes(3);
    private int maxConnectionsTotal = 64;
    private int maxConnectionsPerRoute = 16;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private ProxyOptions proxy = ProxyOptions.none();
    private final Map<String, RegistryOptions> registries = new LinkedHashMap<>();
    private Sleeper sleeper = Sleeper.system();
    private Clock clock = Clock.systemUTC();
    private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

    private Builder() {}

    public Builder userAgent(String value) {
      this.userAgent = Objects.requireNonNull(value, "value");
      return this;
    }

    public Builder connectTimeout(Duration value) {
      this.connectTimeout = Objects.requireNonNull(value, "value");
      return this;
    }

    public Builder socketTimeout(Duration value) {
      this.socketTimeout = Objects.requireNonNull(value, "value");
      return this;
    }

    public Builder smallBodyTimeout(Duration value) {
      this.smallBodyTimeout = Objects.requireNonNull(value, "value");
      return this;
    }

    public Builder connectionRequestTimeout(Duration value) {
      this.connectionRequestTimeout = Objects.requireNonNull(value, "value");
      return this;
    }

    public Builder maxConnections(int total, int perRoute) {
      this.maxConnectionsTotal = total;
      this.maxConnectionsPerRoute = perRoute;
      return this;
    }

    public Builder retryPolicy(RetryPolicy value) {
      this.retryPolicy = Objects.requireNonNull(value, "value");
      return this;
    }

    public Builder proxy(ProxyOptions value) {
      this.proxy = Objects.requireNonNull(value, "value");
      return this;
    }

    /** Options for one registry host, {@code host} or {@code host:port}; replaces earlier ones for it. */
    public Builder registry(String host, RegistryOptions options) {
      registries.put(RegistryHosts.normalize(host), Objects.requireNonNull(options, "options"));
      return this;
    }

    public Builder registries(Map<String, RegistryOptions> all) {
      all.forEach(this::registry);
      return this;
    }

    public Builder sleeper(Sleeper value) {
      this.sleeper = Objects.requireNonNull(value, "value");
      return this;
    }

    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "value");
      return this;
    }

    public Builder random(DoubleSupplier value) {
      this.random = Objects.requireNonNull(value, "value");
      return this;
    }

    public TransportSettings build() {
      return new TransportSettings(userAgent, connectTimeout, socketTimeout, smallBodyTimeout, connectionRequestTimeout,
          maxConnectionsTotal, maxConnectionsPerRoute, retryPolicy, proxy, registries, sleeper, clock,
          random);
    }
  }
}
