package dev.ferry.auth.azure;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which registry names are ACR login servers: {@code NAME.azurecr.io} (Azure),
 * {@code NAME.azurecr.cn} (Azure operated by 21Vianet) and {@code NAME.azurecr.us}
 * (Azure Government). ACR names are 5 to 50 letters and digits; a name matches only as
 * a whole host, so {@code x.azurecr.io.example.com} and {@code evilazurecr.io} do not.
 * The default HTTPS port may be written ({@code :443}); any other port is not ACR's.
 * ({@code azurecr.de}, Azure Germany, closed in 2021 and is not recognised.)
 *
 * <p>Thread-safety: stateless.
 */
final class AzureRegistryHosts {
  private static final List<String> SUFFIXES = List.of(".azurecr.io", ".azurecr.cn", ".azurecr.us");
  private static final int MIN_NAME = 5;
  private static final int MAX_NAME = 50;

  private AzureRegistryHosts() {}

  /** The login server in canonical form (lower case, no port), or empty when the name is not ACR's. */
  static Optional<String> loginServer(String registry) {
    String host = registry.trim().toLowerCase(Locale.ROOT);
    if (host.endsWith(":443")) {
      host = host.substring(0, host.length() - 4);
    }
    for (String suffix : SUFFIXES) {
      if (host.endsWith(suffix) && isRegistryName(host.substring(0, host.length() - suffix.length()))) {
        return Optional.of(host);
      }
    }
    return Optional.empty();
  }

  private static boolean isRegistryName(String name) {
    if (name.length() < MIN_NAME || name.length() > MAX_NAME) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9')) {
        return false;
      }
    }
    return true;
  }
}
