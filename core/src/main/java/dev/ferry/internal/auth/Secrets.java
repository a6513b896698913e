package dev.ferry.internal.auth;

import dev.ferry.auth.Credential;
import dev.ferry.auth.IdentityToken;
import dev.ferry.auth.RegistryToken;
import dev.ferry.auth.UsernamePassword;
import dev.ferry.registry.RegistryError;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Keeps secrets out of exception messages that quote a server. A registry or
 * token server may echo what it was sent ("invalid token eyJ..."); text from a
 * server that contains any secret we sent is withheld whole (replacing only the
 * secret would leave its length and position visible).
 *
 * <p>Thread-safety: stateless.
 */
final class Secrets {
  static final String WITHHELD = "<withheld: it contained a credential>";

  private Secrets() {}

  /** The secret parts of a credential and of header values sent with it. */
  static List<String> of(@Nullable Credential credential, String... sentHeaders) {
    List<String> secrets = new ArrayList<>();
    if (credential instanceof UsernamePassword up) {
      secrets.add(up.password());
    } else if (credential instanceof IdentityToken it) {
      secrets.add(it.token());
    } else if (credential instanceof RegistryToken rt) {
      secrets.add(rt.token());
    }
    for (String header : sentHeaders) {
      int space = header.indexOf(' ');
      secrets.add(space < 0 ? header : header.substring(space + 1));
    }
    secrets.removeIf(String::isEmpty);
    return List.copyOf(secrets);
  }

  static String withhold(String text, List<String> secrets) {
    for (String secret : secrets) {
      if (text.contains(secret)) {
        return WITHHELD;
      }
    }
    return text;
  }

  static List<RegistryError> withhold(List<RegistryError> errors, List<String> secrets) {
    List<RegistryError> safe = new ArrayList<>(errors.size());
    for (RegistryError e : errors) {
      safe.add(new RegistryError(withhold(e.code(), secrets), withhold(e.message(), secrets),
          withhold(e.detail(), secrets)));
    }
    return List.copyOf(safe);
  }
}
