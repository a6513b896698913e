package dev.ferry.internal.auth;

import dev.ferry.internal.Texts;
import dev.ferry.internal.auth.config.HelperNames;
import dev.ferry.internal.http.ErrorBodies;
import dev.ferry.internal.http.Response;
import dev.ferry.internal.http.Urls;
import dev.ferry.registry.AuthenticationException;
import dev.ferry.registry.RegistryError;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Builds the {@link AuthenticationException}s of the auth flow, so every one says
 * the same things the same way: what was sent where, the registry, repository and
 * scope, whether credentials were found, the status, and the registry's own error
 * codes. Server text goes through {@link Secrets#withhold} and {@link Texts#escape};
 * URLs through {@code Urls.redact}. Secrets never appear.
 *
 * <p>Thread-safety: stateless.
 */
final class AuthFailures {
  private AuthFailures() {}

  /** The registry answered 401 to an authorized request, or 403 to any. Reads and closes the response. */
  static AuthenticationException refused(AuthCall call, Response response, List<String> secrets) {
    int status = response.status();
    String reason;
    if (call.credentialsFound()) {
      reason = status == 403
          ? found(call, "credentials") + " do not grant this access"
          : found(call, "credentials") + " were not accepted: renew or correct them there"
              + (fromConfigFile(call) ? " (docker login " + call.registry() + ", or podman login)" : "");
    } else {
      reason = status == 403
          ? "no credentials were found for " + call.registry() + " and anonymous access is denied"
          : "no credentials were found for " + call.registry() + " and anonymous access is not allowed";
    }
    return fromRegistry(call, response, reason, secrets);
  }

  /** 401 without a challenge Ferry can answer. Reads and closes the response. */
  static AuthenticationException noUsableChallenge(AuthCall call, Response response, List<Challenge> offered) {
    String reason = offered.isEmpty()
        ? "the registry sent no usable WWW-Authenticate challenge"
        : "the registry offers only authentication schemes Ferry does not support: "
            + offered.stream().map(c -> Texts.escape(c.scheme())).distinct().collect(Collectors.joining(", "));
    return fromRegistry(call, response, reason, List.of());
  }

  /** Basic challenge without a user name and password to answer it. Reads and closes the response. */
  static AuthenticationException basicNeedsPassword(AuthCall call, Response response) {
    String reason = call.credential() == null
        ? "the registry asks for a user name and password (Basic) and no credentials were found for " + call.registry()
        : "the registry asks for a user name and password (Basic) but " + found(call, "credential") + " is a "
            + call.credential().getClass().getSimpleName() + ", which Basic auth cannot use";
    return fromRegistry(call, response, reason, List.of());
  }

  /** The request must be resent with authorization but its body is a one-shot stream. Closes the response. */
  static AuthenticationException notReplayable(AuthCall call, Response response) {
    return fromRegistry(call, response, "the registry asked for authentication but the request body is a one-shot"
        + " stream that cannot be sent again; authenticate with a bodiless request for this scope first"
        + " (the authorization is now cached, so sending the request again with a fresh body works)", List.of());
  }

  /**
   * A 401 or 403 from another origin than the registry's, reached through a redirect: the
   * registry's credentials are not sent there, so there is nothing to answer it with. Closes
   * the response.
   */
  static AuthenticationException foreignChallenge(AuthCall call, Response response, String origin,
      List<String> secrets) {
    return fromRegistry(call, response, "the answer came from " + origin + ", where the registry redirected the"
        + " request; Ferry sends the registry's credentials only to the registry's own origin", secrets);
  }

  /** The challenge's realm may not be called (see {@link RealmPolicy}). */
  static AuthenticationException realmRefused(AuthCall call, String realm, String reason) {
    return new AuthenticationException(prefix(call, 401) + ": cannot fetch a token from realm "
        + Texts.quote(realmForMessage(realm)) + ": " + reason, call.registry(), call.context().repository(),
        call.method(), call.url(), 401, List.of(), call.scopeText(), call.credentialsFound());
  }

  /** A RegistryToken that cannot be put into a header. */
  static AuthenticationException unusableRegistryToken(AuthCall call) {
    return new AuthenticationException(prefix(call, 401) + ": " + found(call, "registry token")
        + " holds characters that cannot be sent in an HTTP header", call.registry(), call.context().repository(),
        call.method(), call.url(), 401, List.of(), call.scopeText(), true);
  }

  /** The token server answered an error status. */
  static AuthenticationException tokenServerStatus(AuthCall call, String method, String realmUrl, int status,
      List<RegistryError> errors, List<String> secrets) {
    String what;
    if (status == 401 || status == 403) {
      what = call.credentialsFound()
          ? "credentials rejected by token server " + realmUrl + " (" + status + ") for scope "
              + Texts.quote(call.scopeText()) + ": check " + found(call, "credentials")
          : "token server " + realmUrl + " refused anonymous access (" + status + ") for scope "
              + Texts.quote(call.scopeText()) + ": no credentials were found for " + call.registry();
    } else {
      what = "token server " + realmUrl + " answered " + status + " to " + method + " for scope "
          + Texts.quote(call.scopeText());
    }
    List<RegistryError> safe = Secrets.withhold(errors, secrets);
    return new AuthenticationException(what + " (registry " + call.registry() + repository(call) + ")" + says(safe),
        call.registry(), call.context().repository(), method, realmUrl, status, safe, call.scopeText(),
        call.credentialsFound());
  }

  /** The token server answered 2xx without a usable token; the reason never quotes the body. */
  static AuthenticationException tokenUnusable(AuthCall call, String method, String realmUrl, int status,
      String reason) {
    return new AuthenticationException("token server " + realmUrl + " sent no usable token for scope "
        + Texts.quote(call.scopeText()) + " (registry " + call.registry() + repository(call) + "): " + reason,
        call.registry(), call.context().repository(), method, realmUrl, status, List.of(), call.scopeText(),
        call.credentialsFound());
  }

  private static AuthenticationException fromRegistry(AuthCall call, Response response, String reason,
      List<String> secrets) {
    int status = response.status();
    List<RegistryError> errors;
    try (response) {
      errors = Secrets.withhold(ErrorBodies.errors(response), secrets);
    }
    return new AuthenticationException(prefix(call, status) + ": " + reason + says(errors), call.registry(),
        call.context().repository(), call.method(), call.url(), status, errors, call.scopeText(),
        call.credentialsFound());
  }

  /** {@code GET https://host/v2/... (registry r, repository x, scope "...") answered 401}. */
  private static String prefix(AuthCall call, int status) {
    return call.method() + " " + call.url() + " (registry " + call.registry() + repository(call)
        + ", scope " + Texts.quote(call.scopeText()) + ") answered " + status;
  }

  /**
   * {@code the credentials found for REGISTRY in SOURCE}: where they came from, so the user knows which
   * login to renew. A source that holds the credential's own secret (a provider's mistake) is withheld.
   */
  private static String found(AuthCall call, String what) {
    String text = "the " + what + " found for " + call.registry();
    if (call.credential() == null) {
      return text;
    }
    Optional<String> source = call.credential().source();
    if (source.isEmpty()) {
      return text;
    }
    List<String> secrets = Secrets.of(call.credential());
    // the source is kept free of control characters and bounded by Credential.withSource
    String shown = secrets.stream().anyMatch(source.get()::contains) ? Secrets.WITHHELD : source.get();
    return text + " in " + shown;
  }

  /** Whether the credential came from a Docker or Podman config file (or its helpers): a login renews it. */
  private static boolean fromConfigFile(AuthCall call) {
    return call.credential() != null && call.credential().source()
        .filter(s -> s.contains("config.json") || s.contains("auth.json") || s.contains(".dockercfg")
            || s.startsWith(HelperNames.PREFIX)).isPresent();
  }

  private static String repository(AuthCall call) {
    String repository = call.context().repository();
    return repository == null ? "" : ", repository " + repository;
  }

  private static String says(List<RegistryError> errors) {
    if (errors.isEmpty()) {
      return "";
    }
    return "; the server says: " + errors.stream().limit(3)
        .map(e -> Texts.escape(e.code()) + (e.message().isEmpty() ? "" : " " + Texts.quote(e.message())))
        .collect(Collectors.joining(", "));
  }

  private static String realmForMessage(String realm) {
    try {
      return Urls.redact(URI.create(realm));
    } catch (IllegalArgumentException e) {
      return "<not a valid URL>"; // unparsed text could hold user info
    }
  }
}
