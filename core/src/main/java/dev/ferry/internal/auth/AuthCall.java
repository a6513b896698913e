package dev.ferry.internal.auth;

import dev.ferry.auth.Credential;
import dev.ferry.internal.http.CallContext;
import dev.ferry.internal.http.Request;
import dev.ferry.internal.http.Urls;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One {@link RegistryAuth#send} being authorized: what errors must name. Immutable;
 * {@link #toString()} shows the credential's kind only.
 *
 * @param request the registry request, without Authorization
 * @param context the registry and repository
 * @param scopes the scopes in play, in the order they are asked for
 * @param credential the credential found for the registry, or null
 */
record AuthCall(Request request, CallContext context, List<String> scopes, @Nullable Credential credential) {
  AuthCall {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(context, "context");
    scopes = List.copyOf(scopes);
  }

  AuthCall withScopes(List<String> newScopes) {
    return new AuthCall(request, context, newScopes, credential);
  }

  String registry() {
    return context.registry();
  }

  String scopeText() {
    return String.join(" ", scopes);
  }

  boolean credentialsFound() {
    return credential != null;
  }

  String method() {
    return request.method();
  }

  /** The registry URL without query or user info. */
  String url() {
    return Urls.redact(request.uri());
  }

  @Override
  public String toString() {
    return "AuthCall[" + request + ", " + context.registry() + ", scope=" + scopeText() + ", credential="
        + (credential == null ? "none" : credential.getClass().getSimpleName()) + "]";
  }
}
