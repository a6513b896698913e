package dev.ferry.internal.http;

import dev.ferry.registry.RegistryOptions;
import java.io.IOException;
import java.net.Socket;
import java.util.HashMap;
import java.util.Map;
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
 * Every SSLContext is built up front; thread-safe and immutable afterwards.
 */
final class PerHostTlsStrategy implements TlsSocketStrategy {
  private final TransportSettings settings;
  private final TlsSocketStrategy verified;
  private final Map<RegistryOptions, TlsSocketStrategy> byOptions = new HashMap<>();

  PerHostTlsStrategy(TransportSettings settings) {
    this.settings = settings;
    this.verified = strategy(RegistryOptions.defaults());
    for (RegistryOptions options : settings.registries().values()) {
      byOptions.computeIfAbsent(options, PerHostTlsStrategy::strategy);
    }
  }

  @Override
  public SSLSocket upgrade(Socket socket, String target, int port, Object attachment, HttpContext context)
      throws IOException {
    RegistryOptions options = settings.optionsFor(target, port, true);
    return byOptions.getOrDefault(options, verified).upgrade(socket, target, port, attachment, context);
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
