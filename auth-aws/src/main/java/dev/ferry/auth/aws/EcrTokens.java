package dev.ferry.auth.aws;

import dev.ferry.auth.Credential;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.GetAuthorizationTokenRequest;
import software.amazon.awssdk.services.ecr.model.GetAuthorizationTokenResponse;

/** Calls {@code GetAuthorizationToken} of ECR or ECR Public and turns the answer, or the failure, into ours. */
final class EcrTokens {
  /** When an answer carries no expiry (ECR always sends one), assume this much rather than ECR's 12 hours. */
  static final Duration ASSUMED_LIFETIME = Duration.ofHours(1);

  private final EcrClients clients;
  private final Clock clock;

  EcrTokens(EcrClients clients, Clock clock) {
    this.clients = clients;
    this.clock = clock;
  }

  /**
   * A token for a private registry. No {@code registryIds} are sent: the SDK marks the field
   * deprecated because a token works for every registry of its region the caller may use, so
   * cross-account registries need no more than the caller's own token and the other account's
   * repository policy.
   */
  EcrToken privateToken(EcrRegistry registry, String name) {
    Instant asked = clock.instant();
    GetAuthorizationTokenResponse answer;
    try {
      answer = clients.ecr(registry).getAuthorizationToken(GetAuthorizationTokenRequest.builder().build());
    } catch (SdkException e) {
      throw failed(name, "ECR in " + clients.apiRegion(registry).id(), e);
    }
    List<AuthorizationData> data = answer.authorizationData();
    AuthorizationData first = data.stream().filter(d -> d.authorizationToken() != null).findFirst()
        .orElseThrow(() -> new EcrCredentialException("ECR answered GetAuthorizationToken for " + name
            + " without an authorization token", name, null, 0, null));
    checkRegion(registry, name, first.proxyEndpoint());
    Credential credential = EcrToken.decode(first.authorizationToken(), name);
    return new EcrToken(credential, expiry(first.expiresAt(), asked));
  }

  /** A token for ECR Public, from its API in us-east-1. */
  EcrToken publicToken(String name) {
    Instant asked = clock.instant();
    software.amazon.awssdk.services.ecrpublic.model.AuthorizationData data;
    try {
      data = clients.ecrPublic().getAuthorizationToken(
          software.amazon.awssdk.services.ecrpublic.model.GetAuthorizationTokenRequest.builder().build())
          .authorizationData();
    } catch (SdkException e) {
      throw failed(name, "ECR Public in " + EcrRegistry.PUBLIC_TOKEN_REGION, e);
    }
    if (data == null || data.authorizationToken() == null) {
      throw new EcrCredentialException("ECR Public answered GetAuthorizationToken for " + name
          + " without an authorization token", name, null, 0, null);
    }
    return new EcrToken(EcrToken.decode(data.authorizationToken(), name), expiry(data.expiresAt(), asked));
  }

  /**
   * A token is only good for the region it was issued in; when ECR names the registry it issued the
   * token for (a given client configured for another region), a mismatch is reported now rather
   * than as a 401 from the registry later.
   */
  private void checkRegion(EcrRegistry registry, String name, @Nullable String proxyEndpoint) {
    if (proxyEndpoint == null) {
      return;
    }
    String host = proxyEndpoint.replaceFirst("^[a-zA-Z]+://", "").replaceFirst("/.*$", "");
    Optional<EcrRegistry> issuedFor = EcrRegistry.parse(host);
    String wanted = clients.apiRegion(registry).id();
    if (issuedFor.isPresent() && !issuedFor.get().region().equals(wanted)) {
      throw new EcrCredentialException("ECR issued a token for region " + issuedFor.get().region() + " but " + name
          + " is in " + wanted + ": the EcrClient used is configured for another region", name, null, 0, null);
    }
  }

  private static Instant expiry(@Nullable Instant expiresAt, Instant asked) {
    return expiresAt != null ? expiresAt : asked.plus(ASSUMED_LIFETIME);
  }

  /** The SDK's failure as ours: the AWS error code and status when AWS answered, the SDK's reason when not. */
  static EcrCredentialException failed(String name, String where, SdkException e) {
    if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
      String code = aws.awsErrorDetails().errorCode();
      String message = aws.awsErrorDetails().errorMessage();
      return new EcrCredentialException("could not get a credential for " + name + ": " + where
          + " refused GetAuthorizationToken with " + Objects.toString(code, "no error code") + " (HTTP "
          + aws.statusCode() + ")" + (message == null || message.isBlank() ? "" : ": " + message),
          name, code, aws.statusCode(), e);
    }
    return new EcrCredentialException("could not get a credential for " + name + " from " + where + ": "
        + Objects.toString(e.getMessage(), e.getClass().getSimpleName()), name, null, 0, e);
  }
}
