package dev.ferry.registry;

import dev.ferry.internal.http.RegistryHosts;
import dev.ferry.reference.ImageReference;
import java.net.URI;
import java.util.Map;

/** Per-registry choices the client's endpoint needs, keyed by API host as the transport keys them. */
final class RegistrySettings {
  private final Map<String, RegistryOptions> options;

  RegistrySettings(Map<String, RegistryOptions> optionsByApiHost) {
    this.options = Map.copyOf(optionsByApiHost);
  }

  RegistryOptions.Scheme schemeFor(String registry) {
    URI probe = URI.create("https://" + ImageReference.apiHost(registry));
    return RegistryHosts.lookup(options, probe.getHost(), probe.getPort(), true).scheme();
  }
}
