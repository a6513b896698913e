package dev.ferry.internal.auth;

import dev.ferry.auth.CredentialProvider;
import dev.ferry.internal.http.CallContext;
import dev.ferry.internal.http.Request;
import dev.ferry.internal.http.Response;
import dev.ferry.internal.http.Transport;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Sends requests with the right {@code Authorization} for a registry: cached
 * tokens per registry and scope set, and on a 401 the challenge answered (Basic,
 * or a Bearer token fetched from the realm) and the request sent once more.
 *
 * <p>STUB: anonymous only; the challenge/token flow is being written.
 */
public final class RegistryAuth {
  private final Transport transport;

  public RegistryAuth(Transport transport, CredentialProvider credentials, Clock clock) {
    this.transport = Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(clock, "clock");
  }

  /**
   * Sends a request to a registry with authorization for the given scopes.
   *
   * @param request the request (without Authorization)
   * @param context registry and repository, for credentials lookup and errors
   * @param scopes the scopes the request needs
   * @return the response (a 401 only if authentication failed and the caller should report it)
   */
  public Response send(Request request, CallContext context, List<Scope> scopes) {
    return transport.execute(request, context);
  }
}
