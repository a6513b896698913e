package dev.ferry.internal.http;

import dev.ferry.registry.RegistryOptions;
import java.io.IOException;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Picks the TLS setup by the host and port being connected to, so one pooled client
 * serves registries with different trust. Hosts without options (object storage a
 * registry redirects to) get the JDK's trust store with host name verification.
 *
 * <p>An SSLContext is built when the first TLS connection needs it, except for registries
 * given their own CA certificates or client key, whose context is built up front so that a
 * mistake there shows when the client is built. Loading the JDK's trust store and starting
 * JSSE takes about 120 ms of a fresh JVM, which a client that only speaks plain HTTP (a test
 * registry, a local mirror) never needs to spend. Thread-safe.
 */
final class PerHostTlsStrategy implements TlsSocketStrategy {
  private final TransportSettings settings;
  private final Map<RegistryOptions, TlsSocketStrategy> byOptions = new ConcurrentHashMap<>();

  PerHostTlsStrategy(TransportSettings settings) {
    this.settings = settings;
    for (RegistryOptions options : settings.registries().values()) {
      if (!options.caCertificates().isEmpty() || options.clientKey().isPresent()) {
        byOptions.computeIfAbsent(options, PerHostTlsStrategy::strategy);
      }
    }
  }

  @Override
  public SSLSocket upgrade(Socket socket, String target, int port, Object attachment, HttpContext context)
      throws IOException {
    RegistryOptions options = settings.optionsFor(target, port, true);
    return byOptions.computeIfAbsent(options, PerHostTlsStrategy::strategy)
        .upgrade(socket, target, port, attachment, context);
  }

  private static TlsSocketStrategy strategy(RegistryOptions options) {
    if (TlsContexts.insecure(options)) {
      // CLIENT policy with a no-op verifier: the JDK's built-in host name check stays off too
      return new DefaultClientTlsStrategy(TlsContexts.create(options), HostnameVerificationPolicy.CLIENT,
          NoopHostnameVerifier.INSTANCE);
    }
    // BUILTIN policy: the JDK checks the host name during the handshake
    return new DefaultClientTlsStrategy(TlsContexts.create(options));
  }
}
