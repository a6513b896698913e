package dev.ferry.registry;

import dev.ferry.FerryLimits;
import dev.ferry.auth.CredentialProvider;
import dev.ferry.internal.Texts;
import dev.ferry.internal.auth.AuthOptions;
import dev.ferry.internal.auth.RegistryAuth;
import dev.ferry.internal.http.ApacheTransport;
import dev.ferry.internal.http.RegistryHosts;
import dev.ferry.internal.http.Sleeper;
import dev.ferry.internal.http.TransportSettings;
import dev.ferry.reference.ImageReference;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Configures a {@link RegistryClient}. Defaults are safe: verified TLS for every
 * registry, anonymous access, retries with backoff, no proxy.
 *
 * <pre>{@code
 * RegistryClient client = RegistryClient.builder()
 *     .credentials(CredentialProvider.defaults())
 *     .insecure("localhost:5000")                       // plain HTTP or unverified TLS
 *     .registry("registry.corp", RegistryOptions.builder().caCertificatesPem(Path.of("corp-ca.pem")).build())
 *     .build();
 * }</pre>
 *
 * <p>Thread-safety: not thread-safe; build once, then share the client.
 *
 * @since 0.1
 */
public final class RegistryClientBuilder {
  private CredentialProvider credentials = CredentialProvider.anonymous();
  private final Map<String, RegistryOptions> registries = new LinkedHashMap<>();
  private RetryPolicy retryPolicy = RetryPolicy.defaults();
  private ProxyOptions proxy = ProxyOptions.none();
  private Duration connectTimeout = Duration.ofSeconds(30);
  private Duration socketTimeout = Duration.ofMinutes(5);
  private Duration smallBodyTimeout = FerryLimits.SMALL_BODY_TIMEOUT;
  private String userAgent = TransportSettings.DEFAULT_USER_AGENT;
  private int maxConnections = 64;
  private int maxConnectionsPerRoute = 16;
  private boolean oauth2PasswordGrant;
  private String oauth2ClientId = "ferry";
  private Sleeper sleeper = Sleeper.system();
  private RegistryEventListener.@Nullable Factory eventListenerFactory;

  RegistryClientBuilder() {}

  /** Tests wait with a recording sleeper instead of the real one; not public API. */
  RegistryClientBuilder sleeper(Sleeper value) {
    this.sleeper = Objects.requireNonNull(value, "value");
    return this;
  }

  /**
   * Where credentials come from; anonymous when not set.
   *
   * @param provider the provider, e.g. {@code CredentialProvider.defaults()}
   * @return this builder
   * @since 0.1
   */
  public RegistryClientBuilder credentials(CredentialProvider provider) {
    this.credentials = Objects.requireNonNull(provider, "provider");
    return this;
  }

  /**
   * Names registries insecure, as Docker's {@code insecure-registries} does: HTTPS
   * without certificate verification, or plain HTTP when the registry has no TLS.
   *
   * @param registries {@code host[:port]} of each registry, e.g. {@code localhost:5000}
   * @return this builder
   * @throws IllegalArgumentException if a name is not a {@code host[:port]} (a URL with a scheme is refused)
   * @since 0.1
   */
  public RegistryClientBuilder insecure(String... registries) {
    for (String registry : registries) {
      put(registry, RegistryOptions.builder().insecure().build(), "insecure");
    }
    return this;
  }

  /**
   * Names registries that speak plain HTTP only (local test registries).
   *
   * @param registries {@code host[:port]} of each registry
   * @return this builder
   * @throws IllegalArgumentException if a name is not a {@code host[:port]} (a URL with a scheme is refused)
   * @since 0.1
   */
  public RegistryClientBuilder plainHttp(String... registries) {
    for (String registry : registries) {
      put(registry, RegistryOptions.builder().plainHttp().build(), "plainHttp");
    }
    return this;
  }

  /**
   * Transport settings for one registry: scheme, extra CA certificates, client certificate.
   *
   * @param registry {@code host[:port]}, as in image references ({@code docker.io} means its API host)
   * @param options the settings
   * @return this builder
   * @throws IllegalArgumentException if the name is not a {@code host[:port]} (a URL with a scheme is refused)
   * @since 0.1
   */
  public RegistryClientBuilder registry(String registry, RegistryOptions options) {
    return put(registry, options, "registry");
  }

  private RegistryClientBuilder put(String registry, RegistryOptions options, String method) {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(options, "options");
    int scheme = registry.indexOf("://");
    if (scheme >= 0) {
      // the scheme is what these settings decide; a URL here would contradict them or say nothing
      throw new IllegalArgumentException(method + "(...) takes host[:port], not a URL: drop "
          + Texts.quote(registry.substring(0, scheme + 3)) + " from " + Texts.quote(registry));
    }
    registries.put(RegistryHosts.normalize(ImageReference.apiHost(RegistryHosts.normalize(registry))), options);
    return this;
  }

  /**
   * How transient failures are retried; {@link RetryPolicy#defaults()} when not set.
   *
   * @param policy the policy, or {@link RetryPolicy#none()}
   * @return this builder
   * @since 0.1
   */
  public RegistryClientBuilder retryPolicy(RetryPolicy policy) {
    this.retryPolicy = Objects.requireNonNull(policy, "policy");
    return this;
  }

  /**
   * The proxy; none when not set.
   *
   * @param options {@link ProxyOptions#system()}, {@link ProxyOptions#of(String, int)} or none
   * @return this builder
   * @since 0.1
   */
  public RegistryClientBuilder proxy(ProxyOptions options) {
    this.proxy = Objects.requireNonNull(options, "options");
    return this;
  }

  /**
   * How long to wait for a connection; 30 s by default.
   *
   * @param timeout a positive duration
   * @return this builder
   * @since 0.1
   */
  public RegistryClientBuilder connectTimeout(Duration timeout) {
    this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
    return this;
  }

  /**
   * How long a connection may stay silent while reading or writing; 5 minutes by
   * default. There is deliberately no total timeout for blobs: a slow multi-GB upload
   * that keeps moving is never cut. Small bodies have one: {@link #smallBodyTimeout}.
   *
   * @param timeout a positive duration
   * @return this builder
   * @since 0.1
   */
  public RegistryClientBuilder socketTimeout(Duration timeout) {
    this.socketTimeout = Objects.requireNonNull(timeout, "timeout");
    return this;
  }

  /**
   * How long a small body (a manifest, a token server's answer, an error body, a page of
   * tags, repositories or referrers) may take to arrive whole once its headers are in;
   * {@link FerryLimits#SMALL_BODY_TIMEOUT} (60 s) by default. Unlike the socket timeout it
   * does not restart with every byte, so a registry that drips its answer cannot hold a
   * call for ever. Blob bodies have no such deadline.
   *
   * @param timeout a positive duration
   * @return this builder
   * @since 0.1
   */
  public RegistryClientBuilder smallBodyTimeout(Duration timeout) {
    this.smallBodyTimeout = Objects.requireNonNull(timeout, "timeout");
    return this;
  }

  /**
   * Names the application in the {@code User-Agent}, before Ferry's own token:
   * {@code userAgent("my-plugin/2.1")} sends {@code my-plugin/2.1 ferry/0.1}.
   *
   * @param product the application's product token, e.g. {@code my-plugin/2.1}
   * @return this builder
   * @throws IllegalArgumentException if the token has control characters
   * @since 0.1
   */
  public RegistryClientBuilder userAgent(String product) {
    Objects.requireNonNull(product, "product");
    if (product.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new IllegalArgumentException("a User-Agent product must not contain control characters");
    }
    this.userAgent = product.isBlank() ? TransportSettings.DEFAULT_USER_AGENT
        : product.trim() + " " + TransportSettings.DEFAULT_USER_AGENT;
    return this;
  }

  /**
   * Pool size: connections in all and per registry host.
   *
   * @param total the most open connections
   * @param perRegistry the most to one host
   * @return this builder
   * @since 0.1
   */
  public RegistryClientBuilder maxConnections(int total, int perRegistry) {
    this.maxConnections = total;
    this.maxConnectionsPerRoute = perRegistry;
    return this;
  }

  /**
   * Exchanges a username and password for a token with the OAuth2 {@code password}
   * grant (a POST to the token endpoint) instead of a GET with Basic auth; some
   * registries ask for it. Off by default; identity tokens always use the OAuth2
   * {@code refresh_token} grant, falling back to GET where the endpoint lacks it.
   *
   * @param enabled whether to use the password grant
   * @return this builder
   * @since 0.1
   */
  public RegistryClientBuilder oauth2PasswordGrant(boolean enabled) {
    this.oauth2PasswordGrant = enabled;
    return this;
  }

  /**
   * The {@code client_id} sent with OAuth2 token requests; {@code ferry} by default.
   *
   * @param clientId the client id, e.g. the name of the application
   * @return this builder
   * @since 0.1
   */
  public RegistryClientBuilder oauth2ClientId(String clientId) {
    this.oauth2ClientId = Objects.requireNonNull(clientId, "clientId");
    return this;
  }

  /**
   * Makes a listener for each call of the client, which hears that call's requests
   * (method, URL without query or credentials, status, duration) and retries; none by default.
   * Calls running at once get listeners of their own, whatever threads they run on.
   *
   * <pre>{@code
   * RegistryClient.builder().eventListenerFactory(call -> RegistryEventListener.of(e -> log.debug("{}", e)))
   * }</pre>
   *
   * @param factory called once as each call begins, on the caller's thread
   * @return this builder
   * @since 0.1
   */
  public RegistryClientBuilder eventListenerFactory(RegistryEventListener.Factory factory) {
    this.eventListenerFactory = Objects.requireNonNull(factory, "factory");
    return this;
  }

  /**
   * One listener for every call of the client (shorthand for a factory that always returns it).
   *
   * @param listener hears every call's requests and retries; it must be thread-safe
   * @return this builder
   * @since 0.1
   */
  public RegistryClientBuilder eventListener(RegistryEventListener listener) {
    Objects.requireNonNull(listener, "listener");
    return eventListenerFactory(call -> listener);
  }

  /**
   * Builds the client.
   *
   * @return a thread-safe client; close it when done
   * @throws IllegalArgumentException if a setting is out of range
   * @since 0.1
   */
  public RegistryClient build() {
    TransportSettings settings = TransportSettings.builder()
        .userAgent(userAgent)
        .connectTimeout(connectTimeout)
        .socketTimeout(socketTimeout)
        .smallBodyTimeout(smallBodyTimeout)
        .maxConnections(maxConnections, maxConnectionsPerRoute)
        .retryPolicy(retryPolicy)
        .proxy(proxy)
        .registries(registries)
        .sleeper(sleeper)
        .build();
    ApacheTransport transport = new ApacheTransport(settings);
    AuthOptions authOptions = AuthOptions.defaults().withOAuthPasswordGrant(oauth2PasswordGrant)
        .withClientId(oauth2ClientId);
    RegistryAuth auth = new RegistryAuth(transport, credentials, Clock.systemUTC(), authOptions);
    return new RegistryClient(transport, auth, new RegistrySettings(registries), Clock.systemUTC(),
        settings.retryStrategy(), eventListenerFactory);
  }
}
