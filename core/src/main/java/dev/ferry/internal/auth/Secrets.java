package dev.ferry.internal.auth;

import dev.ferry.auth.Credential;
import dev.ferry.auth.IdentityToken;
import dev.ferry.auth.RegistryToken;
import dev.ferry.auth.UsernamePassword;
import dev.ferry.registry.RegistryError;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Keeps secrets out of exception messages that quote a server. A registry or
 * token server may echo what it was sent ("invalid token eyJ..."), decoded or as it
 * went over the wire; text from a server that contains any form of a secret
 * (plain, base64, URL-encoded, Basic's {@code user:password} in base64) is withheld
 * whole (replacing only the secret would leave its length and position visible).
 *
 * <p>Thread-safety: stateless.
 */
final class Secrets {
  static final String WITHHELD = "<withheld: it contained a credential>";

  private Secrets() {}

  /** The secret parts of a credential and of header values sent with it, in every form a server may echo. */
  static List<String> of(@Nullable Credential credential, String... sentHeaders) {
    Set<String> secrets = new LinkedHashSet<>();
    if (credential instanceof UsernamePassword up) {
      secrets.addAll(forms(up.password()));
      secrets.add(basic(up.username(), up.password()));
    } else if (credential instanceof IdentityToken it) {
      secrets.addAll(forms(it.token()));
      secrets.add(basic(Authorization.IDENTITY_TOKEN_USER, it.token()));
    } else if (credential instanceof RegistryToken rt) {
      secrets.addAll(forms(rt.token()));
    }
    for (String header : sentHeaders) {
      int space = header.indexOf(' ');
      secrets.addAll(forms(space < 0 ? header : header.substring(space + 1)));
    }
    secrets.removeIf(String::isEmpty);
    return List.copyOf(secrets);
  }

  /**
   * A secret as a server may print it: as is, base64 (standard and URL-safe, without the
   * padding so that padded and unpadded echoes both match) and URL-encoded (a form body).
   */
  static List<String> forms(String secret) {
    if (secret.isEmpty()) {
      return List.of();
    }
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    Set<String> forms = new LinkedHashSet<>();
    forms.add(secret);
    forms.add(Base64.getEncoder().withoutPadding().encodeToString(bytes));
    forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
    return List.copyOf(forms);
  }

  /** Basic's credential as it goes over the wire, without padding. */
  private static String basic(String username, String password) {
    String header = Authorization.basicHeader(username, password);
    return header.substring(header.indexOf(' ') + 1).replace("=", "");
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
