package dev.ferry.auth.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Mono;

/** A {@link TokenCredential} that stands in for Entra ID: one fixed token, every request recorded. */
final class EntraStandIn implements TokenCredential {
  static final String TENANT = "0f0e0d0c-0000-4000-8000-00000000f322";

  private final List<TokenRequestContext> requests = new CopyOnWriteArrayList<>();
  private volatile String token = AcrStandIn.jwt("{\"aud\":\"https://containerregistry.azure.net\",\"tid\":\""
      + TENANT + "\",\"oid\":\"ferry-test\"}");
  private volatile RuntimeException failure;

  String token() {
    return token;
  }

  EntraStandIn token(String value) {
    token = value;
    return this;
  }

  EntraStandIn failWith(RuntimeException e) {
    failure = e;
    return this;
  }

  List<TokenRequestContext> requests() {
    return List.copyOf(requests);
  }

  @Override
  public Mono<AccessToken> getToken(TokenRequestContext request) {
    requests.add(request);
    if (failure != null) {
      return Mono.error(failure);
    }
    return Mono.just(new AccessToken(token, OffsetDateTime.now().plusHours(1)));
  }
}
