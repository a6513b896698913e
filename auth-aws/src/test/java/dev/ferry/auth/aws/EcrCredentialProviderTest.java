package dev.ferry.auth.aws;

import dev.ferry.it.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.auth.Credential;
import dev.ferry.auth.CredentialProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;

/** The provider against the ECR API stand-in: real SDK clients, real JSON 1.1, loopback only. */
class EcrCredentialProviderTest {
  static final AwsCredentialsProvider TEST_CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSTANDIN", "stand-in-secret-key"));
  private static final String EU = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";
  private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

  private final EcrStandIn ecr = EcrStandIn.start();
  private final MutableClock clock = new MutableClock(T0);
  private final List<EcrCredentialException> refreshFailures = new CopyOnWriteArrayList<>();
  private final EcrCredentialProvider provider = EcrCredentialProvider.builder()
      .credentialsProvider(TEST_CREDENTIALS)
      .endpointOverride(ecr.endpoint())
      .clock(clock)
      .onRefreshFailure(refreshFailures::add)
      .build();

  @AfterEach
  void close() {
    provider.close();
    ecr.close();
  }

  @Test
  void mintsBasicCredentialFromTokenSignedForTheRegistryRegion() {
    ecr.issue("pa55-from-ecr", T0.plus(Duration.ofHours(12)))
        .proxyEndpoint("https://123456789012.dkr.ecr.eu-west-1.amazonaws.com");

    assertThat(provider.credentialFor(EU + ":443", "mirror/nginx")).contains(Credential.basic("AWS", "pa55-from-ecr"));

    assertThat(ecr.calls()).singleElement().satisfies(call -> {
      assertThat(call.target()).isEqualTo(EcrStandIn.ECR_TARGET + "GetAuthorizationToken");
      assertThat(call.region()).isEqualTo("eu-west-1");
      assertThat(call.service()).isEqualTo("ecr");
      assertThat(call.body()).doesNotContain("registryIds");
    });
  }

  @Test
  void answersNothingForOtherHostsWithoutCallingAws() {
    for (String host : List.of("docker.io", "ghcr.io", "localhost:5000", EU + ".evil.com", "12345.dkr.ecr.eu-west-1.amazonaws.com")) {
      assertThat(provider.credentialFor(host, "library/nginx")).isEmpty();
    }
    assertThat(ecr.calls()).isEmpty();
  }

  @Test
  void cachesTheTokenPerAccountAndRegion() {
    provider.credentialFor(EU, "a");
    provider.credentialFor(EU.toUpperCase(java.util.Locale.ROOT), "b");
    assertThat(ecr.calls("GetAuthorizationToken")).isEqualTo(1);

    ecr.proxyEndpoint("https://123456789012.dkr.ecr.us-east-2.amazonaws.com");
    provider.credentialFor("123456789012.dkr.ecr.us-east-2.amazonaws.com", "a");
    ecr.proxyEndpoint("https://210987654321.dkr.ecr.eu-west-1.amazonaws.com");
    provider.credentialFor("210987654321.dkr.ecr.eu-west-1.amazonaws.com", "a");
    assertThat(ecr.calls("GetAuthorizationToken")).isEqualTo(3);
    assertThat(ecr.calls()).extracting(EcrStandIn.Call::region).containsExactly("eu-west-1", "us-east-2", "eu-west-1");
  }

  @Test
  void refreshesBeforeExpiry() {
    ecr.proxyEndpoint("https://" + EU);
    ecr.issue("first", T0.plus(Duration.ofHours(12)));
    assertThat(provider.credentialFor(EU, "r")).contains(Credential.basic("AWS", "first"));

    ecr.issue("second", T0.plus(Duration.ofHours(24)));
    clock.advance(Duration.ofHours(11).plusMinutes(30));
    assertThat(provider.credentialFor(EU, "r")).contains(Credential.basic("AWS", "first"));
    clock.advance(Duration.ofMinutes(20)); // ten minutes before expiry, inside the 15-minute margin
    assertThat(provider.credentialFor(EU, "r")).contains(Credential.basic("AWS", "second"));
    assertThat(ecr.calls("GetAuthorizationToken")).isEqualTo(2);
  }

  @Test
  void keepsTheValidTokenWhenRefreshFailsAndReportsWithoutSecrets() {
    ecr.proxyEndpoint("https://" + EU);
    ecr.issue("still-good", T0.plus(Duration.ofHours(12)));
    provider.credentialFor(EU, "r");
    clock.advance(Duration.ofHours(11).plusMinutes(50));

    ecr.failNext("ServerException", "internal error");
    assertThat(provider.credentialFor(EU, "r")).contains(Credential.basic("AWS", "still-good"));
    assertThat(refreshFailures).singleElement().satisfies(e -> {
      assertThat(e.errorCode()).contains("ServerException");
      assertThat(e.registry()).isEqualTo(EU);
      assertThat(e.getMessage()).doesNotContain("still-good").doesNotContain(EcrStandIn.token("AWS", "still-good"))
          .doesNotContain("stand-in-secret-key");
    });
  }

  @Test
  void aFailedRefreshIsTriedAgainOnlyAfterTheRetryPause() {
    ecr.proxyEndpoint("https://" + EU);
    ecr.issue("still-good", T0.plus(Duration.ofHours(12)));
    try (EcrCredentialProvider patient = EcrCredentialProvider.builder().credentialsProvider(TEST_CREDENTIALS)
        .endpointOverride(ecr.endpoint()).clock(clock).onRefreshFailure(refreshFailures::add)
        .retryPause(Duration.ofMinutes(5)).build()) {
      patient.credentialFor(EU, "r");
      clock.advance(Duration.ofHours(11).plusMinutes(50));
      ecr.failNext("ServerException", "internal error");
      assertThat(patient.credentialFor(EU, "r")).contains(Credential.basic("AWS", "still-good"));
      ecr.issue("next", T0.plus(Duration.ofHours(24)));
      clock.advance(Duration.ofMinutes(4).plusSeconds(59));
      assertThat(patient.credentialFor(EU, "r")).contains(Credential.basic("AWS", "still-good"));
      assertThat(ecr.calls("GetAuthorizationToken")).isEqualTo(2);

      clock.advance(Duration.ofSeconds(1));
      assertThat(patient.credentialFor(EU, "r")).contains(Credential.basic("AWS", "next"));
      assertThat(ecr.calls("GetAuthorizationToken")).isEqualTo(3);
      assertThat(refreshFailures).hasSize(1);
    }
  }

  @Test
  void firstFetchRefusedIsATypedErrorNamingRegistryAndAwsCode() {
    ecr.failNext("AccessDeniedException", "User: arn:aws:iam::123456789012:user/ci is not authorized to perform:"
        + " ecr:GetAuthorizationToken on resource: *");
    assertThatThrownBy(() -> provider.credentialFor(EU, "r"))
        .isInstanceOfSatisfying(EcrCredentialException.class, e -> {
          assertThat(e.errorCode()).contains("AccessDeniedException");
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.registry()).isEqualTo(EU);
        })
        .hasMessageContaining(EU).hasMessageContaining("AccessDeniedException")
        .hasMessageContaining("ecr:GetAuthorizationToken")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("stand-in-secret-key"));
  }

  @Test
  void throttlingIsRetriedByTheSdkThenSucceeds() {
    ecr.proxyEndpoint("https://" + EU);
    ecr.failNext("ThrottlingException", "Rate exceeded");
    ecr.issue("after-throttle", T0.plus(Duration.ofHours(12)));
    assertThat(provider.credentialFor(EU, "r")).contains(Credential.basic("AWS", "after-throttle"));
    assertThat(ecr.calls("GetAuthorizationToken")).isEqualTo(2);
  }

  @Test
  void throttlingWithoutRetriesIsReportedWithItsCode() {
    try (EcrCredentialProvider noRetries = EcrCredentialProvider.builder()
        .ecrClientFactory(registry -> EcrClient.builder().region(registry.apiRegion())
            .credentialsProvider(TEST_CREDENTIALS).endpointOverride(ecr.endpoint())
            .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
            .build())
        .build()) {
      ecr.failNext("ThrottlingException", "Rate exceeded");
      assertThatThrownBy(() -> noRetries.credentialFor(EU, "r"))
          .isInstanceOfSatisfying(EcrCredentialException.class,
              e -> assertThat(e.errorCode()).contains("ThrottlingException"));
    }
  }

  @Test
  void malformedTokenFromEcrIsATypedErrorWithoutTheToken() {
    String noColon = java.util.Base64.getEncoder().encodeToString("AWSnocolonsecret".getBytes(
        java.nio.charset.StandardCharsets.UTF_8));
    ecr.answerNext("{\"authorizationData\":[{\"authorizationToken\":\"" + noColon + "\",\"expiresAt\":1.8E9}]}");
    assertThatThrownBy(() -> provider.credentialFor(EU, "r"))
        .isInstanceOf(EcrCredentialException.class).hasMessageContaining(EU)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("nocolonsecret"));

    ecr.answerNext("{\"authorizationData\":[]}");
    assertThatThrownBy(() -> provider.credentialFor(EU, "r"))
        .isInstanceOf(EcrCredentialException.class).hasMessageContaining("without an authorization token");
  }

  @Test
  void tokenIssuedForAnotherRegionIsRefused() {
    EcrClient usEast1 = EcrClient.builder().region(Region.US_EAST_1).credentialsProvider(TEST_CREDENTIALS)
        .endpointOverride(ecr.endpoint()).build();
    try (usEast1; EcrCredentialProvider single = EcrCredentialProvider.builder().ecrClient(usEast1).build()) {
      ecr.proxyEndpoint("https://123456789012.dkr.ecr.us-east-1.amazonaws.com");
      assertThat(single.credentialFor("123456789012.dkr.ecr.us-east-1.amazonaws.com", "r")).isPresent();
      assertThatThrownBy(() -> single.credentialFor(EU, "r"))
          .isInstanceOf(EcrCredentialException.class)
          .hasMessageContaining("region us-east-1").hasMessageContaining("eu-west-1");
    }
  }

  @Test
  void withoutAwsCredentialsAPrivateRegistryFailsLoudly() {
    AwsCredentialsProvider none = () -> {
      throw SdkClientException.create("Unable to load credentials from any of the providers in the chain");
    };
    try (EcrCredentialProvider p = EcrCredentialProvider.builder().credentialsProvider(none)
        .endpointOverride(ecr.endpoint()).build()) {
      assertThatThrownBy(() -> p.credentialFor(EU, "r"))
          .isInstanceOfSatisfying(EcrCredentialException.class, e -> assertThat(e.errorCode()).isEmpty())
          .hasMessageContaining(EU).hasMessageContaining("Unable to load credentials");
    }
    assertThat(ecr.calls()).isEmpty();
  }

  @Test
  void ecrPublicTokenComesFromEcrPublicInUsEast1() {
    ecr.issue("public-pass", T0.plus(Duration.ofHours(12)));
    assertThat(provider.credentialFor("public.ecr.aws", "nginx/nginx")).contains(Credential.basic("AWS", "public-pass"));
    assertThat(provider.credentialFor("public.ecr.aws", "docker/library/alpine")).contains(Credential.basic("AWS", "public-pass"));
    assertThat(ecr.calls()).singleElement().satisfies(call -> {
      assertThat(call.target()).isEqualTo(EcrStandIn.PUBLIC_TARGET + "GetAuthorizationToken");
      assertThat(call.region()).isEqualTo("us-east-1");
      assertThat(call.service()).isEqualTo("ecr-public");
    });
  }

  @Test
  void ecrPublicIsAnonymousWhenNoAwsCredentialsExistAndLooksAgainOnlyAfterThePause() {
    int[] lookups = {0};
    AwsCredentialsProvider none = () -> {
      lookups[0]++;
      throw SdkClientException.create("Unable to load credentials from any of the providers in the chain");
    };
    try (EcrCredentialProvider p = EcrCredentialProvider.builder().credentialsProvider(none)
        .endpointOverride(ecr.endpoint()).clock(clock).build()) {
      assertThat(p.credentialFor("public.ecr.aws", "nginx/nginx")).isEmpty();
      assertThat(p.credentialFor("public.ecr.aws", "nginx/nginx")).isEmpty();
      assertThat(lookups[0]).isEqualTo(1);
      clock.advance(Duration.ofMinutes(2));
      assertThat(p.credentialFor("public.ecr.aws", "nginx/nginx")).isEmpty();
      assertThat(lookups[0]).isEqualTo(2);
    }
    assertThat(ecr.calls()).isEmpty();
  }

  @Test
  void ecrPublicRefusedWithCredentialsIsAnError() {
    ecr.failNext("AccessDeniedException", "not authorized to perform: ecr-public:GetAuthorizationToken");
    assertThatThrownBy(() -> provider.credentialFor("public.ecr.aws", "nginx/nginx"))
        .isInstanceOfSatisfying(EcrCredentialException.class,
            e -> assertThat(e.errorCode()).contains("AccessDeniedException"))
        .hasMessageContaining("ECR Public");
  }

  @Test
  void ecrPublicCanBeTurnedOff() {
    try (EcrCredentialProvider p = EcrCredentialProvider.builder().credentialsProvider(TEST_CREDENTIALS)
        .endpointOverride(ecr.endpoint()).ecrPublic(false).build()) {
      assertThat(p.credentialFor("public.ecr.aws", "nginx/nginx")).isEmpty();
    }
    assertThat(ecr.calls()).isEmpty();
  }

  @Test
  void isFoundByServiceLoaderAndAnswersOnlyForEcrThroughTheDefaults() {
    // tests run inside this module, which provides but does not use the service
    getClass().getModule().addUses(CredentialProvider.class);
    assertThat(ServiceLoader.load(CredentialProvider.class).stream().map(ServiceLoader.Provider::type))
        .contains(EcrCredentialProvider.class);
    CredentialProvider defaults = CredentialProvider.defaults(
        dev.ferry.auth.CredentialEnvironment.of(java.util.Map.of(), java.nio.file.Path.of("/nonexistent-home")));
    assertThat(defaults.toString()).contains("EcrCredentialProvider{default credentials chain}");
    assertThat(defaults.credentialFor("registry.example.com", "app")).isEmpty();
  }

  @Test
  void closedProviderRefusesToCallAws() {
    provider.close();
    assertThatThrownBy(() -> provider.credentialFor(EU, "r")).isInstanceOf(IllegalStateException.class);
    assertThat(provider.credentialFor("docker.io", "library/nginx")).isEmpty();
  }

  @Test
  void toStringCarriesNoSecrets() {
    provider.credentialFor(EU, "r");
    assertThat(provider.toString()).doesNotContain("stand-in-secret-key").doesNotContain("stand-in-password");
  }
}
