package dev.ferry.registry;

import java.net.ProxySelector;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * Whether and how requests go through an HTTP proxy. HTTPS requests are tunnelled
 * through it with {@code CONNECT}, so TLS still runs end to end with the registry.
 *
 * <pre>{@code
 * ProxyOptions.of("proxy.corp.example", 3128);   // every request through this proxy
 * ProxyOptions.system();                         // what the JVM's ProxySelector says (http.proxyHost, ...)
 * }</pre>
 *
 * <p>Thread-safety: immutable and thread-safe (the selector's own thread-safety applies to it).
 *
 * @since 0.1
 */
public final class ProxyOptions {
  private static final ProxyOptions NONE = new ProxyOptions(Kind.NONE, null, -1, null);
  private static final ProxyOptions SYSTEM = new ProxyOptions(Kind.SYSTEM, null, -1, null);

  private final Kind kind;
  private final @Nullable String host;
  private final int port;
  private final @Nullable ProxySelector selector;

  /**
   * Where the proxy comes from.
   *
   * @since 0.1
   */
  public enum Kind {
    /** Connect directly. */
    NONE,
    /** Ask {@link ProxySelector#getDefault()} when the client is built. */
    SYSTEM,
    /** One proxy for every request. */
    FIXED,
    /** Ask a given {@link ProxySelector} for each route. */
    SELECTOR
  }

  private ProxyOptions(Kind kind, @Nullable String host, int port, @Nullable ProxySelector selector) {
    this.kind = kind;
    this.host = host;
    this.port = port;
    this.selector = selector;
  }

  /**
   * No proxy: connect directly. The default.
   *
   * @return the options
   * @since 0.1
   */
  public static ProxyOptions none() {
    return NONE;
  }

  /**
   * The JVM's proxy settings, as {@link ProxySelector#getDefault()} reports them when
   * the client is built ({@code http.proxyHost}, {@code https.proxyHost},
   * {@code http.nonProxyHosts}, or the operating system's with
   * {@code java.net.useSystemProxies}).
   *
   * @return the options
   * @since 0.1
   */
  public static ProxyOptions system() {
    return SYSTEM;
  }

  /**
   * One HTTP proxy for every request.
   *
   * @param host the proxy's host name or address
   * @param port the proxy's port, 1 to 65535
   * @return the options
   * @throws IllegalArgumentException if the host is blank or the port out of range
   * @since 0.1
   */
  public static ProxyOptions of(String host, int port) {
    Objects.requireNonNull(host, "host");
    if (host.isBlank() || port < 1 || port > 65535) {
      throw new IllegalArgumentException("invalid proxy address: host must not be blank and port must be 1-65535");
    }
    return new ProxyOptions(Kind.FIXED, host, port, null);
  }

  /**
   * Asks a proxy selector for each route.
   *
   * @param selector the selector
   * @return the options
   * @since 0.1
   */
  public static ProxyOptions selector(ProxySelector selector) {
    return new ProxyOptions(Kind.SELECTOR, null, -1, Objects.requireNonNull(selector, "selector"));
  }

  /**
   * {@return where the proxy comes from}
   *
   * @since 0.1
   */
  public Kind kind() {
    return kind;
  }

  /**
   * {@return the proxy host, for {@link Kind#FIXED}}
   *
   * @since 0.1
   */
  public Optional<String> host() {
    return Optional.ofNullable(host);
  }

  /**
   * {@return the proxy port, for {@link Kind#FIXED}}
   *
   * @since 0.1
   */
  public OptionalInt port() {
    return port > 0 ? OptionalInt.of(port) : OptionalInt.empty();
  }

  /**
   * {@return the selector, for {@link Kind#SELECTOR}}
   *
   * @since 0.1
   */
  public Optional<ProxySelector> selector() {
    return Optional.ofNullable(selector);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ProxyOptions p && kind == p.kind && Objects.equals(host, p.host) && port == p.port
        && Objects.equals(selector, p.selector);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, host, port, selector);
  }

  @Override
  public String toString() {
    return switch (kind) {
      case FIXED -> "ProxyOptions[" + host + ":" + port + "]";
      default -> "ProxyOptions[" + kind + "]";
    };
  }
}
